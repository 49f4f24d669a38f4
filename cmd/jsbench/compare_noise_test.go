package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/jsbench/jsbench/internal/testenv"
)

// TestCompareOnABusyHost: the same build, every run 30 % slower on a
// busy host, exits 3 (inconclusive) and names the busy runs; the text
// output names each row's gate and paired ratio.
func TestCompareOnABusyHost(t *testing.T) {
	dir := t.TempDir()
	base := testenv.WriteResults(t, filepath.Join(dir, "base"), testenv.SyntheticRuns{Seed: 1, Stream: 5, Runs: 10,
		MedianMS: 20000, Volumes: []string{"local", "nfs"}, Host: testenv.HostQuiet})
	busy := testenv.WriteResults(t, filepath.Join(dir, "busy"), testenv.SyntheticRuns{Seed: 2, Stream: 5, Runs: 10,
		MedianMS: 26000, Volumes: []string{"local", "nfs"}, Host: testenv.HostBusy})
	code, stdout, stderr := runCLI("compare", base, busy)
	if code != 3 {
		t.Fatalf("exit %d, want 3\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
	if !strings.Contains(stderr, "jsbench: inconclusive: host too noisy to judge") || !strings.Contains(stderr, "small/local/ready (+") ||
		!strings.Contains(stderr, "busy runs: new local#1") {
		t.Errorf("stderr %q does not name the row and its busy runs", stderr)
	}
	for _, want := range []string{"GATE", "PAIRED RATIO", "small/local/ready      inconclusive  absolute", "new runs on a busy host: local#1"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
}
