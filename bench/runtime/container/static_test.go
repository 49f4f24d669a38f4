package container

import (
	"debug/elf"
	"strings"
	"testing"

	"github.com/jsbench/jsbench/internal/testenv"
)

// TestCheckStatic builds the simulated controller twice, static (as make
// build does) and with cgo on (as a plain go build with gcc about does),
// and checks that only the static one is taken for the scratch image.
func TestCheckStatic(t *testing.T) {
	static := testenv.Build(t, "./cmd/jenkins-sim")
	if err := checkStatic(static); err != nil {
		t.Errorf("static build refused: %v", err)
	}
	dynamic := testenv.BuildDynamic(t, "./cmd/jenkins-sim")
	if !hasInterpreter(t, dynamic) {
		t.Fatal("the cgo build is static after all: the test proves nothing")
	}
	err := checkStatic(dynamic)
	if err == nil || !strings.Contains(err.Error(), "is dynamically linked (it needs /lib") ||
		!strings.Contains(err.Error(), "CGO_ENABLED=0 go build -o "+dynamic+" ./cmd/jenkins-sim") {
		t.Errorf("dynamic build: err = %v; want it refused with the command that builds it static", err)
	}
	if err := checkStatic("/etc/hostname"); err == nil || !strings.Contains(err.Error(), "make build") {
		t.Errorf("not an executable: err = %v", err)
	}
}

func hasInterpreter(t *testing.T, path string) bool {
	f, err := elf.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			return true
		}
	}
	return false
}
