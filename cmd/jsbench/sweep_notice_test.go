package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jsbench/jsbench/internal/testenv"
)

// TestSweepIsReportedWhenItHappens runs the real jsbench where a killed
// session left a work directory: the line saying it was removed must
// come when the sweep removes it, before the first run ends, not when
// the whole session does.
func TestSweepIsReportedWhenItHappens(t *testing.T) {
	testenv.RequireRoot(t)
	jsbench := testenv.Build(t, "./cmd/jsbench")
	if sim := testenv.Build(t, "./cmd/jenkins-sim"); filepath.Dir(sim) != filepath.Dir(jsbench) {
		t.Fatalf("jsbench and jenkins-sim built apart: %s, %s", jsbench, sim)
	}
	work := t.TempDir()
	stale := filepath.Join(work, "20260101-000000-dead01")
	if err := os.MkdirAll(stale, 0o755); err != nil {
		t.Fatal(err)
	}
	// The owner file of a session whose process is gone.
	writeFile(t, filepath.Join(stale, ".jsbench-owner"), "999999999 1\n")
	scenario := filepath.Join(t.TempDir(), "quick.yaml")
	writeFile(t, scenario, "version: 1\nname: quick\nsubject: {kind: sim, runtime: process}\nhome: {kind: empty}\nvolumes: [{name: disk, kind: local}]\nruns: 1\ncache: warm\n")
	_, stderr := runBoth(t, jsbench, "run", scenario, "--work-dir", work, "--out", filepath.Join(t.TempDir(), "out"))
	removed := strings.Index(stderr, "removed work directory "+stale+", left behind by an earlier jsbench")
	firstRun := strings.Index(stderr, "quick / disk run 1 of 1: ")
	if removed < 0 || firstRun < 0 || removed > firstRun {
		t.Errorf("the sweep's line at %d, the first run's at %d; want the sweep's first:\n%s", removed, firstRun, stderr)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("%s is still there (%v)", stale, err)
	}
}
