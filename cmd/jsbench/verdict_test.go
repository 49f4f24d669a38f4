package main

import (
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/jsbench/jsbench/internal/testenv"
)

// fullTmpfsScenario runs the simulated controller on a volume named
// "full", a 1 MiB tmpfs that the war's extraction fills: every run there
// fails, as a restore or a start that hits "no space left on device".
const fullTmpfsScenario = `version: 1
name: verdict
subject: {kind: sim}
home: {kind: generated, jobs: 2, builds_per_job: 1, plugins: 1}
volumes:
%s  - {name: full, kind: tmpfs, size: 1m}
runs: 1
timeout: 2m
cache: warm
`

// TestRunExitCodesTellFailureFromSuccess runs the real jsbench on
// scenarios whose runs all fail, or fail on one volume, and checks the
// exit status and the verdict line a nightly job reads: 5 when nothing
// was measured, 4 when some runs failed, never 0.
func TestRunExitCodesTellFailureFromSuccess(t *testing.T) {
	jsbench := requireRunHost(t)
	tests := []struct {
		name, volumes string
		code          int
		verdict       string
	}{
		{"every run fails", "", exitNothingMeasured, "verdict: nothing measured: 1 of 1 runs failed (verdict/full: all 1 failed, first "},
		{"one volume fails", "  - {name: local, kind: local}\n", exitRunsFailed, "verdict: 1 of 2 runs failed (verdict/full: all 1 failed, first "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := writeScenario(t, t.TempDir(), "verdict.yaml", strings.Replace(fullTmpfsScenario, "%s", tt.volumes, 1))
			work := t.TempDir()
			cmd, log := startRun(t, jsbench, t.TempDir(), work, file)
			code := exitCodeWithin(t, cmd, 5*time.Minute)
			lines := strings.Split(strings.TrimSpace(log.String()), "\n")
			last := lines[len(lines)-1]
			if code != tt.code || !strings.HasPrefix(last, tt.verdict) {
				t.Errorf("exit %d, last line %q\nwant %d, %q…\n%s", code, last, tt.code, tt.verdict, log.String())
			}
			assertNothingLeft(t, cmd.Process.Pid, work)
		})
	}
}

// TestRunRefusesBadScenarioWithExit2 checks that a scenario that cannot
// be run is unusable input, before anything starts.
func TestRunRefusesBadScenarioWithExit2(t *testing.T) {
	jsbench := requireRunHost(t)
	file := writeScenario(t, t.TempDir(), "bad.yaml", "version: 1\nname: bad\nsubject: {kind: sim}\nvolumes: []\n")
	out, err := exec.Command(jsbench, "run", "--out", t.TempDir(), file).CombinedOutput()
	if code := exitOf(err); code != exitUnusable || !strings.Contains(string(out), "bad.yaml:4:10: volumes: empty list") {
		t.Errorf("exit %d, output %q; want 2 and the problem's position", code, out)
	}
}

func exitOf(err error) int {
	if exit, ok := err.(*exec.ExitError); ok {
		return exit.ExitCode()
	}
	if err != nil {
		return -1
	}
	return 0
}

// TestRunRefusesDynamicSimulatedController gives the real jsbench a
// simulated controller built with cgo (dynamically linked): it must
// refuse it before any run, exit 2 and name the command that builds it
// right, rather than copy it into the scratch image and fail every run.
func TestRunRefusesDynamicSimulatedController(t *testing.T) {
	jsbench := requireRunHost(t)
	dynamic := testenv.BuildDynamic(t, "./cmd/jenkins-sim")
	work := t.TempDir()
	file := writeScenario(t, t.TempDir(), "quick.yaml", strings.Replace(quickScenario, "runtime: process", "runtime: container", 1))
	out, err := exec.Command(jsbench, "run", "--out", t.TempDir(), "--work-dir", work, "--sim-binary", dynamic, file).CombinedOutput()
	if code := exitOf(err); code != exitUnusable || !strings.Contains(string(out), "is dynamically linked") ||
		!strings.Contains(string(out), "CGO_ENABLED=0 go build -o "+dynamic+" ./cmd/jenkins-sim") {
		t.Errorf("exit %d, output:\n%s\nwant 2 and the static build command", code, out)
	}
	if strings.Contains(string(out), "run 1 of") {
		t.Errorf("a run started with a controller that cannot run:\n%s", out)
	}
}
