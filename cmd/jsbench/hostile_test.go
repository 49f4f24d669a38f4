package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jsbench/jsbench/internal/testenv"
)

// TestHostileResultsFiles gives the real jsbench binary results files that
// a killed run, a mistaken argument or a crafted file makes, as the
// baseline and as the new results of compare and as the input of report.
// Every command must exit 2 (unusable input) with a message that names
// the problem (and the line), never panic, and compare and report must
// agree.
func TestHostileResultsFiles(t *testing.T) {
	jsbench := testenv.Build(t, "./cmd/jsbench")
	dir := t.TempDir()
	good := writeSuite(t, filepath.Join(dir, "good"), 1, 6, 1000, "local")
	goodFile := filepath.Join(good, "results.jsonl")
	okLine := firstLine(t, goodFile)
	summary := filepath.Join(good, "results.json")
	writeFile(t, summary, runBinary(t, jsbench, 0, "report", "--format", "json", good))

	tests := []struct {
		name, content, want string
	}{
		{"empty", "", "is empty (0 bytes), as a session killed before its first run ended leaves it"},
		{"blank lines only", "\n\n", "holds no complete run"},
		{"negative duration", okLine + okLine + strings.Replace(okLine, `"ready_ms":`, `"ready_ms":-5,"x":`, 1), "line 3: ready_ms is -5: a duration cannot be negative"},
		{"negative phase", strings.Replace(okLine, `"duration_ms":`, `"duration_ms":-1e-9,"y":`, 1), "line 1: phases[0].duration_ms is -1e-09"},
		{"infinite duration", okLine + `{"schema":"jsbench.run/v2","ready_ms":1e999}` + "\n", "line 2: decode record"},
		{"NaN duration", `{"schema":"jsbench.run/v2","ready_ms":NaN}` + "\n" + okLine, "line 1: decode record"},
		{"Infinity duration", okLine + okLine + okLine + `{"schema":"jsbench.run/v2","ready_ms":Infinity}` + "\n" + okLine, "line 4: decode record"},
		{"60 MB line", okLine + `{"schema":"jsbench.run/v2","reason":"` + strings.Repeat("x", 60<<20) + "\"}\n", "line 2: longer than 16 MiB"},
		{"not JSON at all", "\x00\x01PK\x03\x04 binary\n", "line 1: decode record"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bad := filepath.Join(t.TempDir(), "results.jsonl")
			writeFile(t, bad, tt.content)
			for _, args := range [][]string{{"compare", bad, good}, {"compare", good, bad}, {"report", bad}, {"report", "--baseline", bad, good}} {
				stderr := runBinary(t, jsbench, exitUnusable, args...)
				if !strings.Contains(stderr, tt.want) || strings.Contains(stderr, "panic") {
					t.Errorf("%v: stderr %q, want it to contain %q", args[0], stderr, tt.want)
				}
			}
		})
	}
	t.Run("summary instead of runs", func(t *testing.T) {
		for _, args := range [][]string{{"compare", summary, good}, {"compare", good, summary}, {"report", summary}} {
			stderr := runBinary(t, jsbench, exitUnusable, args...)
			if !strings.Contains(stderr, "is the summary `jsbench run` writes, not its runs: pass "+goodFile) {
				t.Errorf("%v: stderr %q, want the results.jsonl to pass named", args, stderr)
			}
		}
	})
}

// runBinary runs jsbench with args, checks its exit code and returns its
// standard error (standard output when the code is 0).
func runBinary(t *testing.T, jsbench string, code int, args ...string) string {
	t.Helper()
	cmd := exec.Command(jsbench, args...)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	got := 0
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		got = exit.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	if got != code {
		t.Errorf("jsbench %s: exit %d, want %d\nstderr: %s", strings.Join(args, " "), got, code, stderr.String())
	}
	if code == 0 {
		return stdout.String()
	}
	return stderr.String()
}

func firstLine(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	line, _, _ := strings.Cut(string(data), "\n")
	return line + "\n"
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
