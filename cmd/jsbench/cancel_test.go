package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jsbench/jsbench/bench/storage/home"
	"github.com/jsbench/jsbench/internal/testenv"
)

// hugeJobs is a home far too large to be written in a test, bounded by
// the disk's free space so that the space check lets it start.
func hugeJobs(t *testing.T, dir string) int64 {
	t.Helper()
	free, err := home.FreeBytes(dir)
	if err != nil {
		t.Fatal(err)
	}
	jobs := min(1_000_000, free/4/home.EstimatedJobBytes)
	if jobs < 100_000 {
		t.Skipf("%d MB free: too little for a home that cannot finish before the interrupt", free>>20)
	}
	return jobs
}

// TestInterruptStopsHomeGeneration starts the real jsbench on a home of a
// million jobs and sends one Ctrl-C (SIGINT) once jobs are being written:
// the first interrupt must stop the generation, remove what was written,
// say so and exit 130; the home must be far from finished.
func TestInterruptStopsHomeGeneration(t *testing.T) {
	jsbench := testenv.Build(t, "./cmd/jsbench")
	dir := filepath.Join(t.TempDir(), "home")
	jobs := hugeJobs(t, filepath.Dir(dir))
	cmd := exec.Command(jsbench, "home", "generate", "--jobs", fmt.Sprint(jobs), "--builds-per-job", "0", "--plugins", "0", dir)
	var log bytes.Buffer
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, cmd, func() bool { return countJobs(dir) > 10 }, &log)
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	if code := exitCodeWithin(t, cmd, 2*time.Minute); code != exitInterrupted {
		t.Errorf("exit %d, want %d\n%s", code, exitInterrupted, log.String())
	}
	if !strings.Contains(log.String(), "removed the partial home in "+dir) {
		t.Errorf("no word of the partial home's removal:\n%s", log.String())
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("the partial home %s is still there (%v)", dir, err)
	}
}

// TestInterruptStopsRunDuringHomeGeneration is the same for `jsbench run`
// on a scenario whose home (limits raised) takes far longer to generate
// than the test: one Ctrl-C must stop it, clean up and exit 130 without
// a second one.
func TestInterruptStopsRunDuringHomeGeneration(t *testing.T) {
	jsbench := requireRunHost(t)
	work := t.TempDir()
	jobs := hugeJobs(t, work)
	file := writeScenario(t, t.TempDir(), "huge.yaml", fmt.Sprintf(`version: 1
name: huge
subject: {kind: sim, runtime: process}
home: {kind: generated, jobs: %d, builds_per_job: 0, plugins: 0}
volumes: [{name: local, kind: local}]
runs: 1
cache: warm
limits: {jobs: %d}
`, jobs, jobs))
	cmd, log := startRun(t, jsbench, t.TempDir(), work, file)
	homes := filepath.Join(work, "*", "home-*")
	waitFor(t, cmd, func() bool {
		dirs, _ := filepath.Glob(homes)
		return len(dirs) > 0 && countJobs(dirs[0]) > 10
	}, log)
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	if code := exitCodeWithin(t, cmd, 2*time.Minute); code != exitInterrupted {
		t.Errorf("exit %d, want %d\n%s", code, exitInterrupted, log.String())
	}
	if strings.Contains(log.String(), "interrupted twice") {
		t.Errorf("needed a second interrupt:\n%s", log.String())
	}
	assertNothingLeft(t, cmd.Process.Pid, work)
}

func countJobs(home string) int {
	entries, _ := os.ReadDir(filepath.Join(home, "jobs"))
	return len(entries)
}

// TestHomeGenerateRefusesWhatCannotFit asks for a home larger than the
// disk: it must be refused before anything is written.
func TestHomeGenerateRefusesWhatCannotFit(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "home")
	code, _, stderr := runCLI("home", "generate", "--jobs", "100000000", "--builds-per-job", "1000", dir)
	if code != exitUnusable || !strings.Contains(stderr, "MB needed") {
		t.Errorf("exit %d, stderr %q; want 2 and the space named", code, stderr)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("%s was left behind (%v)", dir, err)
	}
}

// TestInterruptStopsAnalyzeOfEndlessInput: `jsbench analyze -` reading a
// pipe that stays open (a `tail -f` of a log) must stop on one Ctrl-C
// and exit 130, not wait for input that never ends.
func TestInterruptStopsAnalyzeOfEndlessInput(t *testing.T) {
	jsbench := testenv.Build(t, "./cmd/jsbench")
	cmd := exec.Command(jsbench, "analyze", "-")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	var log bytes.Buffer
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line := "2026-12-02 10:00:00.000+0000 [id=1]\tINFO\twinstone.Logger#logInternal: Beginning extraction from war file\n"
	if _, err := io.WriteString(stdin, line); err != nil {
		t.Fatal(err)
	}
	// Interrupt once the command is reading; a signal that comes before
	// the handler is installed would kill it with a different status.
	time.Sleep(500 * time.Millisecond)
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	if code := exitCodeWithin(t, cmd, 30*time.Second); code != exitInterrupted {
		t.Errorf("exit %d, want %d\n%s", code, exitInterrupted, log.String())
	}
	if strings.Contains(log.String(), "interrupted twice") {
		t.Errorf("it took a second interrupt:\n%s", log.String())
	}
}
