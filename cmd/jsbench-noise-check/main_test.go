package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jsbench/jsbench/internal/testenv"
)

// TestLoadedSessionIsNoRegression feeds the check a quiet session and a
// loaded one in which every run is 30 % slower and its host busy: the
// verdict must not be a regression, and the figures must all be there.
func TestLoadedSessionIsNoRegression(t *testing.T) {
	dir := t.TempDir()
	quiet := testenv.WriteResults(t, filepath.Join(dir, "quiet"), testenv.SyntheticRuns{Seed: 1, Stream: 1, Runs: 8,
		MedianMS: 10000, Volumes: []string{"local", "nfs"}, Host: testenv.HostQuiet})
	loaded := testenv.WriteResults(t, filepath.Join(dir, "loaded"), testenv.SyntheticRuns{Seed: 2, Stream: 1, Runs: 8,
		MedianMS: 13000, Volumes: []string{"local", "nfs"}, Host: testenv.HostBusy})
	var out, errs bytes.Buffer
	if code := run([]string{quiet, loaded}, &out, &errs); code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out.String(), errs.String())
	}
	text := out.String()
	for _, want := range []string{"| quiet | 16 | 0 | 143 ms", "| loaded | 16 | 16 | 290 ms", "| small/nfs ÷ local |",
		"| small/local/ready |", "compare(quiet, loaded): inconclusive: host too noisy"} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
}

func TestUsage(t *testing.T) {
	var out, errs bytes.Buffer
	if code := run([]string{"only-one"}, &out, &errs); code != 2 || !strings.Contains(errs.String(), "usage") {
		t.Errorf("exit %d, stderr %q", code, errs.String())
	}
}
