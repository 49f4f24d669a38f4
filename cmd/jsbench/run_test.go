package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/bench/runtime/container"
	"github.com/jsbench/jsbench/internal/testenv"
)

// interruptScenario has enough runs that an interrupt always lands in
// the middle of the suite.
const interruptScenario = `version: 1
name: interrupt
subject: {kind: sim}
home: {kind: generated, jobs: 10, builds_per_job: 2, plugins: 2}
volumes:
  - {name: local, kind: local}
  - {name: tmpfs, kind: tmpfs}
runs: 20
timeout: 2m
cache: warm
`

// TestInterruptLeavesNothingBehind sends Ctrl-C to a real `jsbench run`
// at two moments, during the first run and after it, and checks that
// every finished run stays recorded and that no container, mount or
// work directory survives.
func TestInterruptLeavesNothingBehind(t *testing.T) {
	jsbench := requireRunHost(t)
	for name, moment := range map[string]func(out, work string) bool{
		"during the first run": func(_, work string) bool {
			homes, _ := filepath.Glob(filepath.Join(work, "*", "home-*", "war"))
			return len(homes) > 0
		},
		"after the first run": func(out, _ string) bool { return countRecords(t, out) >= 1 },
	} {
		t.Run(name, func(t *testing.T) {
			out, work := t.TempDir(), t.TempDir()
			scenarioFile := writeScenario(t, t.TempDir(), "interrupt.yaml", interruptScenario)
			before := countRecords(t, out)
			cmd, stderr := startRun(t, jsbench, out, work, scenarioFile)
			waitFor(t, cmd, func() bool { return moment(out, work) }, stderr)
			recordsAtInterrupt := countRecords(t, out)
			if err := cmd.Process.Signal(os.Interrupt); err != nil {
				t.Fatal(err)
			}
			code := exitCodeWithin(t, cmd, 90*time.Second)
			if code != exitInterrupted {
				t.Errorf("exit code %d, want %d\n%s", code, exitInterrupted, stderr.String())
			}
			if got := countRecords(t, out); got < recordsAtInterrupt || got < before {
				t.Errorf("%d records after the interrupt, %d before it: finished runs were lost", got, recordsAtInterrupt)
			}
			assertNothingLeft(t, cmd.Process.Pid, work)
		})
	}
}

// requireRunHost needs what a real `jsbench run` on the simulated
// controller needs (Docker, root) and builds jsbench, with jenkins-sim
// beside it.
func requireRunHost(t *testing.T) string {
	t.Helper()
	testenv.Require(t, container.Available(context.Background()) == nil, "a Docker daemon")
	testenv.RequireRoot(t)
	bin := testenv.Build(t, "./cmd/jsbench")
	sim := testenv.Build(t, "./cmd/jenkins-sim")
	if filepath.Dir(bin) != filepath.Dir(sim) {
		t.Fatalf("jsbench and jenkins-sim built apart: %s, %s", bin, sim)
	}
	return bin
}

// countRecords reads results.jsonl as a reader would and counts whole
// records; a torn last line is a failure.
func countRecords(t *testing.T, out string) int {
	t.Helper()
	f, err := os.Open(filepath.Join(out, "results.jsonl"))
	if errors.Is(err, os.ErrNotExist) {
		return 0
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, _, err := results.ReadJSONL(f)
	if err != nil {
		t.Fatalf("results.jsonl unreadable: %v", err)
	}
	return len(recs)
}

// startRun starts `jsbench run` on scenario in the background, its
// stdout and stderr gathered in the returned buffer.
func startRun(t *testing.T, jsbench, out, work, scenario string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(jsbench, "run", "--out", out, "--work-dir", work, scenario)
	var log bytes.Buffer
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, &log
}

func waitFor(t *testing.T, cmd *exec.Cmd, cond func() bool, log *bytes.Buffer) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("the moment to interrupt never came\n%s", log.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func exitCodeWithin(t *testing.T, cmd *exec.Cmd, limit time.Duration) int {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return exit.ExitCode()
		}
		if err != nil {
			t.Fatal(err)
		}
		return 0
	case <-time.After(limit):
		cmd.Process.Signal(syscall.SIGKILL)
		t.Fatalf("jsbench did not stop within %s of Ctrl-C", limit)
		return -1
	}
}

func assertNothingLeft(t *testing.T, pid int, work string) {
	t.Helper()
	if s := containersOf(t, pid); s != "" {
		t.Errorf("containers left behind: %s", s)
	}
	entries, err := os.ReadDir(work)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 0 {
		t.Errorf("work directory %s holds %d entries after the interrupt", work, len(entries))
	}
	mounts, err := os.ReadFile("/proc/self/mountinfo")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(mounts), work) {
		t.Errorf("a mount below %s survived the interrupt", work)
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	testenv.RemoveBuilds()
	os.Exit(code)
}
