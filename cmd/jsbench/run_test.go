package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jsbench/jsbench/bench/container"
	"github.com/jsbench/jsbench/bench/results"
	"github.com/jsbench/jsbench/bench/testenv"
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
	testenv.Require(t, container.Available(context.Background()) == nil, "a Docker daemon")
	testenv.RequireRoot(t)
	jsbench := buildJsbench(t)
	for name, moment := range map[string]func(out, work string) bool{
		"during the first run": func(_, work string) bool {
			homes, _ := filepath.Glob(filepath.Join(work, "*", "home-*", "war"))
			return len(homes) > 0
		},
		"after the first run": func(out, _ string) bool { return countRecords(t, out) >= 1 },
	} {
		t.Run(name, func(t *testing.T) {
			out, work := t.TempDir(), t.TempDir()
			scenarioFile := filepath.Join(t.TempDir(), "interrupt.yaml")
			if err := os.WriteFile(scenarioFile, []byte(interruptScenario), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(jsbench, "run", "--out", out, "--work-dir", work, scenarioFile)
			var stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stderr, &stderr
			before := countRecords(t, out)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			waitFor(t, cmd, func() bool { return moment(out, work) }, &stderr)
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

func buildJsbench(t *testing.T) string {
	t.Helper()
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
	out, err := exec.Command("docker", "ps", "-aq", "--filter", "label=jsbench.pid="+strconv.Itoa(pid)).CombinedOutput()
	if err != nil {
		t.Fatalf("docker ps: %v: %s", err, out)
	}
	if s := strings.TrimSpace(string(out)); s != "" {
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
