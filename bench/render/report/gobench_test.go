package report

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jsbench/jsbench/bench/analyze/compare"
)

// benchstatVersion pins the benchstat the test installs when none is on
// PATH.
const benchstatVersion = "golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da"

// benchstat finds benchstat on PATH or in $BENCHSTAT, or installs it into
// a temporary GOBIN from the Go module proxy.
func benchstat(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("BENCHSTAT"); p != "" {
		return p
	}
	if p, err := exec.LookPath("benchstat"); err == nil {
		return p
	}
	gobin := t.TempDir()
	cmd := exec.Command("go", "install", benchstatVersion)
	cmd.Dir = gobin
	cmd.Env = append(os.Environ(), "GOBIN="+gobin, "GOFLAGS=")
	if out, err := cmd.CombinedOutput(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("install benchstat: %v\n%s", err, out)
		}
		t.Skipf("benchstat unavailable: %v\n%s", err, out)
	}
	return filepath.Join(gobin, "benchstat")
}

// TestGoBenchReadByBenchstat feeds the baseline and the new results to
// benchstat and checks that it parses every line and sees the nfs
// slowdown.
func TestGoBenchReadByBenchstat(t *testing.T) {
	bin := benchstat(t)
	dir := t.TempDir()
	write := func(name string, m Model) string {
		var buf bytes.Buffer
		if err := GoBench(&buf, m); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	old := write("baseline.txt", Build(load(t, "baseline.jsonl"), nil, compare.Options{}))
	cur := write("new.txt", Build(load(t, "new.jsonl"), nil, compare.Options{}))
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(bin, old, cur)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil || stderr.Len() > 0 {
		t.Fatalf("benchstat: %v\n%s%s", err, stderr.String(), stdout.String())
	}
	out := stdout.String()
	// benchstat runs its own Mann–Whitney U test: its p for the local
	// rows and its change for nfs/ready must match what compare reports
	// for the same files (golden compare.txt: p = 0.574, +26.5%).
	for _, want := range []string{"subject: jenkins-sim", "Startup/scenario=small/volume=nfs/phase=ready", "sec/op",
		"~ (p=0.574 n=8)", "+26.51% (p=0.000 n=8+7)"} {
		if !strings.Contains(out, want) {
			t.Errorf("benchstat output lacks %q:\n%s", want, out)
		}
	}
	t.Logf("benchstat:\n%s", out)
}

func TestGoBenchNames(t *testing.T) {
	tests := []struct{ in, part, last string }{
		{"fully_up", "fully_up", "fully_up"},
		{"a b/c", "a_b_c", "a_b_c"},
		{"step-2", "step-2", "step-2_"},
		{"", "_", "_"},
	}
	for _, tt := range tests {
		if got := benchPart(tt.in); got != tt.part {
			t.Errorf("benchPart(%q) = %q, want %q", tt.in, got, tt.part)
		}
		if got := lastPart(tt.in); got != tt.last {
			t.Errorf("lastPart(%q) = %q, want %q", tt.in, got, tt.last)
		}
	}
}
