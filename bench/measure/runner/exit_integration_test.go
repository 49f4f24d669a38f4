package runner_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jsbench/jsbench/bench/measure/runner"
	"github.com/jsbench/jsbench/bench/observe/jenkinslog"
	"github.com/jsbench/jsbench/bench/plan/scenario"
	"github.com/jsbench/jsbench/bench/plan/subject"
	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/bench/runtime/container"
	"github.com/jsbench/jsbench/bench/runtime/contract"
	"github.com/jsbench/jsbench/bench/runtime/process"
	"github.com/jsbench/jsbench/bench/runtime/runtimes"
	"github.com/jsbench/jsbench/internal/testenv"
)

// withFlags starts every launch of a runtime with extra arguments to the
// controller: a real runtime and a real simulated controller, made slow
// or made to fail the way a test needs.
type withFlags struct {
	contract.Runtime
	flags []string
}

func (w withFlags) Start(ctx context.Context, l subject.Launch) (contract.Instance, error) {
	l.SimArgs = append(append([]string(nil), l.SimArgs...), w.flags...)
	return w.Runtime.Start(ctx, l)
}

// runOnce runs a one-run scenario with subject on a local volume and
// returns its record.
func runOnce(t *testing.T, r *runner.Runner, subjectYAML string) results.Record {
	t.Helper()
	sc, err := scenario.Parse(filepath.Join(t.TempDir(), "exit.yaml"), []byte(`version: 1
name: exit
subject: `+subjectYAML+`
home: {kind: generated, jobs: 20, builds_per_job: 1, plugins: 1}
volumes: [{name: local, kind: local}]
runs: 1
timeout: 2m
cache: warm
`), runtimes.Specs())
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Run(context.Background(), []*scenario.Scenario{sc}); err != nil {
		t.Fatal(err)
	}
	recs := r.Sink.(*memorySink).records
	if len(recs) != 1 {
		t.Fatalf("%d records, want 1", len(recs))
	}
	return recs[0]
}

func checkExit(t *testing.T, rec results.Record, want results.Exit, reason string) {
	t.Helper()
	if rec.Status != results.StatusFailed || rec.Exit == nil || *rec.Exit != want || !strings.Contains(rec.Reason, reason) {
		t.Errorf("status %s, exit %+v, reason %q\nwant failed, exit %+v, reason containing %q\n%s",
			rec.Status, rec.Exit, rec.Reason, want, reason, strings.Join(rec.LastLines, "\n"))
	}
}

// TestControllerEndingsAreClassified ends real controllers in real
// containers in three ways (`docker kill` mid-start, a memory limit that
// the OOM killer enforces, a controller that fails and exits 1) and
// checks that each record keeps the exit code, the signal and Docker's
// OOM flag, and says which it was.
func TestControllerEndingsAreClassified(t *testing.T) {
	ctx := context.Background()
	testenv.Require(t, container.Available(ctx) == nil, "a Docker daemon")
	testenv.RequireRoot(t)
	simImage, err := container.EnsureSimImage(ctx, testenv.Build(t, "./cmd/jenkins-sim"))
	if err != nil {
		t.Fatal(err)
	}
	rt, err := container.New(container.WithStopGrace(time.Second), container.WithSimImage(simImage))
	if err != nil {
		t.Fatal(err)
	}

	t.Run("docker kill mid-start", func(t *testing.T) {
		// 20 jobs at 300 ms of CPU each keep the start going for seconds.
		slow := withFlags{rt, []string{"--cpu-per-job=300ms"}}
		r := newRunner(t, map[string]contract.Runtime{container.Name: slow})
		killed := killWhenStarted(t, r.SuiteID)
		rec := runOnce(t, r, "{kind: sim}")
		if err := <-killed; err != nil {
			t.Fatal(err)
		}
		checkExit(t, rec, results.Exit{Code: 137, Signal: "SIGKILL", Class: results.ExitKilled},
			"killed from outside by SIGKILL (exit code 137) before fully up")
		assertNoContainers(t, r.SuiteID)
	})

	t.Run("memory limit", func(t *testing.T) {
		hogRT, err := container.New(container.WithStopGrace(time.Second), container.WithSimImage(buildHogImage(t)))
		if err != nil {
			t.Fatal(err)
		}
		r := newRunner(t, map[string]contract.Runtime{container.Name: hogRT})
		rec := runOnce(t, r, "{kind: sim, memory: 32Mi}")
		checkExit(t, rec, results.Exit{Code: 137, Signal: "SIGKILL", OOMKilled: true, Class: results.ExitOOMKilled},
			"OOM-killed: the memory limit was too low (exit code 137) before fully up")
		if rec.FailureSignature != jenkinslog.SignatureOutOfMemory {
			t.Errorf("failure_signature %q, want %q: the cgroup's OOM kill says it", rec.FailureSignature, jenkinslog.SignatureOutOfMemory)
		}
		assertNoContainers(t, r.SuiteID)
	})

	t.Run("exits 1", func(t *testing.T) {
		// uid 1000 cannot create a webroot at the root of the image:
		// Winstone's "Container startup failed", then exit 1.
		broken := withFlags{rt, []string{"--webroot=/webroot"}}
		r := newRunner(t, map[string]contract.Runtime{container.Name: broken})
		rec := runOnce(t, r, "{kind: sim}")
		checkExit(t, rec, results.Exit{Code: 1, Class: results.ExitExited}, "Container startup failed; then exited by itself with code 1")
		assertNoContainers(t, r.SuiteID)
	})
}

// TestProcessCrashIsClassified runs a war subject whose `java` aborts
// (SIGABRT, as a JVM that writes hs_err does) after its first line.
func TestProcessCrashIsClassified(t *testing.T) {
	dir := t.TempDir()
	java := filepath.Join(dir, "java")
	script := "#!/bin/sh\necho 'Running from: /usr/share/jenkins/jenkins.war'\nkill -ABRT $$\n"
	if err := os.WriteFile(java, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "jenkins.war"), []byte("PK"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := newRunner(t, map[string]contract.Runtime{process.Name: process.New()})
	rec := runOnce(t, r, fmt.Sprintf("{kind: war, war: %s, java: %s}", filepath.Join(dir, "jenkins.war"), java))
	checkExit(t, rec, results.Exit{Code: 134, Signal: "SIGABRT", Class: results.ExitCrashed}, "crashed with SIGABRT (exit code 134) before fully up")
}

// killWhenStarted waits for the suite's container to log its first line,
// then kills it with `docker kill`, as an operator or a node would.
func killWhenStarted(t *testing.T, suiteID string) <-chan error {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		deadline := time.Now().Add(2 * time.Minute)
		for time.Now().Before(deadline) {
			out, _ := exec.Command("docker", "ps", "-q", "--filter", "label=jsbench.suite="+suiteID).Output()
			if id := strings.TrimSpace(string(out)); id != "" {
				logs, _ := exec.Command("docker", "logs", id).CombinedOutput()
				if bytes.Contains(logs, []byte("Running from")) {
					if out, err := exec.Command("docker", "kill", id).CombinedOutput(); err != nil {
						done <- fmt.Errorf("docker kill: %v: %s", err, out)
						return
					}
					done <- nil
					return
				}
			}
			time.Sleep(20 * time.Millisecond)
		}
		done <- fmt.Errorf("no container of suite %s started", suiteID)
	}()
	return done
}

// buildHogImage builds an image FROM scratch of testdata/hog, a stand-in
// controller that commits memory until it is OOM-killed.
func buildHogImage(t *testing.T) string {
	t.Helper()
	const tag = "jsbench/test-hog:1"
	bin := testenv.Build(t, "./bench/measure/runner/testdata/hog")
	err := container.BuildImage(context.Background(), container.ImageSpec{
		Tag: tag, Files: map[string]string{"/usr/bin/hog": bin}, Entrypoint: []string{"/usr/bin/hog"}, User: "1000:1000",
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { exec.Command("docker", "rmi", "-f", tag).Run() })
	return tag
}
