package report

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestPurity checks the import graph: rendering neither does I/O of its
// own (no os, exec or network) nor links Docker, FUSE, Kubernetes's
// client or a browser, so that jsbench report and compare run anywhere.
// The analysis it renders is checked by bench's TestAnalyzeIsPure.
func TestPurity(t *testing.T) {
	pkgs := []string{"."}
	direct := list(t, "{{.ImportPath}}: {{join .Imports \" \"}}", pkgs...)
	for _, line := range strings.Split(strings.TrimSpace(direct), "\n") {
		pkg, imports, _ := strings.Cut(line, ": ")
		for _, imp := range strings.Fields(imports) {
			switch imp {
			case "os", "os/exec", "net", "net/http", "syscall", "time":
				t.Errorf("%s imports %s: pure packages take values and return values", pkg, imp)
			}
		}
	}
	deps := list(t, "{{.ImportPath}}", append([]string{"-deps"}, pkgs...)...)
	for _, dep := range strings.Fields(deps) {
		for _, heavy := range []string{"github.com/testcontainers/", "github.com/moby/", "github.com/docker/",
			"github.com/hanwen/go-fuse", "github.com/chromedp/", "github.com/go-echarts/", "k8s.io/"} {
			if strings.HasPrefix(dep, heavy) {
				t.Errorf("the reporting packages link %s", dep)
			}
		}
	}
}

func list(t *testing.T, format string, args ...string) string {
	t.Helper()
	out, err := exec.Command("go", append([]string{"list", "-f", format}, args...)...).Output()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("go list: %v", err)
		}
		t.Skipf("go list: %v", err)
	}
	return string(out)
}
