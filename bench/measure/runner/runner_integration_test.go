package runner_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jsbench/jsbench/bench/measure/runner"
	"github.com/jsbench/jsbench/bench/observe/host"
	"github.com/jsbench/jsbench/bench/observe/jenkinslog"
	"github.com/jsbench/jsbench/bench/observe/yardstick"
	"github.com/jsbench/jsbench/bench/plan/scenario"
	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/bench/runtime/container"
	"github.com/jsbench/jsbench/bench/runtime/contract"
	"github.com/jsbench/jsbench/bench/runtime/process"
	"github.com/jsbench/jsbench/bench/runtime/runtimes"
	"github.com/jsbench/jsbench/internal/testenv"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testenv.RemoveBuilds()
	os.Exit(code)
}

// memorySink keeps records in memory.
type memorySink struct {
	mu      sync.Mutex
	records []results.Record
}

func (s *memorySink) Record(rec results.Record) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.records = append(s.records, rec)
	return nil
}

// coldScenario is a small generated home on a local and a tmpfs volume;
// the local per-run homes land below localDir, the tmpfs mounts in the
// runner's work directory.
func coldScenario(t *testing.T, runtime, localDir string) *scenario.Scenario {
	t.Helper()
	yaml := fmt.Sprintf(`version: 1
name: it-%s
subject: {kind: sim, runtime: %s}
home: {kind: generated, jobs: 20, builds_per_job: 2, plugins: 3, seed: 7}
volumes:
  - {name: local, kind: local, dir: %q}
  - {name: tmpfs, kind: tmpfs}
runs: 2
timeout: 2m
cache: warm
`, runtime, runtime, localDir)
	sc, err := scenario.Parse("it.yaml", []byte(yaml), runtimes.Specs())
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

func TestColdRunsOfTheSimulatedControllerInContainers(t *testing.T) {
	ctx := context.Background()
	testenv.Require(t, container.Available(ctx) == nil, "a Docker daemon")
	testenv.RequireRoot(t)
	sim := testenv.Build(t, "./cmd/jenkins-sim")
	image, err := container.EnsureSimImage(ctx, sim)
	if err != nil {
		t.Fatal(err)
	}
	rt, err := container.New(container.WithSimImage(image))
	if err != nil {
		t.Fatal(err)
	}
	r := newRunner(t, map[string]contract.Runtime{container.Name: rt})
	checkColdRuns(t, r, container.Name)
	assertNoContainers(t, r.SuiteID)
}

func TestColdRunsOfTheSimulatedControllerAsProcesses(t *testing.T) {
	sim := testenv.Build(t, "./cmd/jenkins-sim")
	war := filepath.Join(t.TempDir(), "jenkins.war")
	if out, err := exec.Command(sim, "make-war", war).CombinedOutput(); err != nil {
		t.Fatalf("make-war: %v\n%s", err, out)
	}
	r := newRunner(t, map[string]contract.Runtime{process.Name: process.New(process.WithSim(sim, war))})
	checkColdRuns(t, r, process.Name)
}

func newRunner(t *testing.T, opened map[string]contract.Runtime) *runner.Runner {
	work := t.TempDir()
	return &runner.Runner{
		SuiteID:  fmt.Sprintf("it%d", time.Now().UnixNano()%1e9),
		WorkDir:  work,
		Runtimes: opened,
		Specs:    runtimes.Specs(),
		Sink:     &memorySink{},
		Host:     hostMeter{dir: work},
	}
}

// hostMeter measures the real host, as the suite's does.
type hostMeter struct{ dir string }

func (m hostMeter) Reference(ctx context.Context) (results.Reference, error) {
	return yardstick.Run(ctx, m.dir)
}

func (m hostMeter) Watch(pid int) func() (*results.HostDuring, []string) { return host.Watch(pid).Stop }

// checkColdRuns runs two cold starts on each volume and checks what the
// issue of a cold start is: the war extracted onto the volume, every
// phase measured in order, each run recorded, nothing left behind.
func checkColdRuns(t *testing.T, r *runner.Runner, runtime string) {
	t.Helper()
	testenv.RequireRoot(t)
	localDir := t.TempDir()
	sc := coldScenario(t, runtime, localDir)
	volumes := map[string]string{"local": localDir, "tmpfs": filepath.Join(r.WorkDir, "tmpfs-*")}

	seen := watchForWar(t, volumes)
	if err := r.Run(context.Background(), []*scenario.Scenario{sc}); err != nil {
		t.Fatal(err)
	}
	landed := seen()

	records := r.Sink.(*memorySink).records
	wantOrder := []string{"local", "tmpfs", "local", "tmpfs"}
	if len(records) != len(wantOrder) {
		t.Fatalf("%d records, want %d", len(records), len(wantOrder))
	}
	for i, rec := range records {
		if rec.Volume.Name != wantOrder[i] {
			t.Errorf("run %d on %q, want %q: volumes must interleave", i, rec.Volume.Name, wantOrder[i])
		}
		checkRecord(t, rec)
		checkHost(t, rec, runtime)
	}
	for _, name := range []string{"local", "tmpfs"} {
		if !landed[name] {
			t.Errorf("no extracted war files seen on the %s volume (%s)", name, volumes[name])
		}
	}
	assertEmpty(t, localDir)
	assertEmpty(t, r.WorkDir)
}

// expectedPhases are the phases the simulated controller's log must show,
// in order, each taking time.
var expectedPhases = []string{
	runner.PhaseEntrypoint, jenkinslog.Launcher, jenkinslog.WarExtraction, jenkinslog.HTTPOpen, jenkinslog.StartedInitialization,
	jenkinslog.ListedAllPlugins, jenkinslog.PreparedAllPlugins, jenkinslog.StartedAllPlugins,
	jenkinslog.AugmentedAllExtensions, jenkinslog.SystemConfigLoaded, jenkinslog.SystemConfigAdapted,
	jenkinslog.LoadedAllJobs, jenkinslog.ConfigurationForAllJobsUpdated,
	jenkinslog.CompletedInitialization, jenkinslog.FullyUp,
}

func checkRecord(t *testing.T, rec results.Record) {
	t.Helper()
	if rec.Status != results.StatusOK {
		t.Fatalf("run %s/%d: %s: %s\n%s", rec.Volume.Name, rec.Iteration, rec.Status, rec.Reason, strings.Join(rec.LastLines, "\n"))
	}
	if !rec.Subject.Simulated || !strings.Contains(rec.Subject.Name, "simulated") {
		t.Errorf("subject %+v does not say it is the simulated controller", rec.Subject)
	}
	if rec.ReadyMS <= 0 || rec.HTTPReadyMS < rec.ReadyMS || rec.LogReadyMS <= 0 {
		t.Errorf("ready %v ms, /login %v ms, log %v ms: want 0 < ready <= /login", rec.ReadyMS, rec.HTTPReadyMS, rec.LogReadyMS)
	}
	names := make([]string, 0, len(rec.Phases))
	end := 0.0
	for _, p := range rec.Phases {
		names = append(names, p.Name)
		if p.DurationMS < 0 || p.StartMS+0.001 < end {
			t.Errorf("phase %s starts at %v ms for %v ms; the previous ended at %v ms", p.Name, p.StartMS, p.DurationMS, end)
		}
		end = p.StartMS + p.DurationMS
	}
	if got, want := strings.Join(names, " "), strings.Join(expectedPhases, " "); got != want {
		t.Errorf("phases\n got  %s\n want %s\nevents %+v", got, want, rec.Events)
	}
	for _, p := range rec.Phases {
		if p.Name == jenkinslog.WarExtraction && (p.DurationMS <= 0 || p.Skipped) {
			t.Errorf("cold start: war extraction %+v, want a positive, not skipped phase", p)
		}
	}
	// Docker stamps lines to the nanosecond, finer than the log's
	// milliseconds; a process's lines are stamped by the harness, which
	// claims a millisecond and so leaves Jenkins's own clock in charge.
	wantClock := map[string]string{container.Name: "docker", process.Name: jenkinslog.ClockJenkins}[rec.Subject.Runtime]
	if rec.Clock == nil || rec.Clock.Source != wantClock {
		t.Errorf("run timed by %+v, want the %s clock", rec.Clock, wantClock)
	}
	if rec.LogLines < rec.StreamedLines || rec.StreamedLines == 0 {
		t.Errorf("full log %d lines, stream %d", rec.LogLines, rec.StreamedLines)
	}
}

// checkHost checks the host figures of a run: the reference workload
// on both sides, the window of the run with the subject's CPU time, and,
// for a container (a cgroup of its own), its cgroup's throttling figures.
func checkHost(t *testing.T, rec results.Record, runtime string) {
	t.Helper()
	h := rec.Host
	if rec.ReferenceVolume != "local" {
		t.Errorf("reference volume %q, want local", rec.ReferenceVolume)
	}
	if h == nil || h.ReferenceBefore == nil || h.ReferenceAfter == nil || h.During == nil {
		t.Fatalf("host figures %+v: want the reference workload before and after and the run's window", h)
	}
	if h.ReferenceBefore.CPUMS <= 0 || h.ReferenceAfter.FileMS <= 0 || h.During.WallMS <= 0 {
		t.Errorf("reference %+v / %+v, window %v ms", h.ReferenceBefore, h.ReferenceAfter, h.During.WallMS)
	}
	if h.During.SubjectPct == nil || *h.During.SubjectPct <= 0 {
		t.Errorf("subject's CPU share not measured: %+v, warnings %q", h.During, h.Warnings)
	}
	ownCgroup := runtime == container.Name
	if got := h.During.Throttle != nil; got != ownCgroup {
		t.Errorf("throttle figures %+v, want them only for a container (%v)", h.During.Throttle, ownCgroup)
	} else if ownCgroup && !strings.Contains(h.During.Throttle.Cgroup, "/") {
		t.Errorf("throttle cgroup %q does not name a cgroup path", h.During.Throttle.Cgroup)
	}
}

// watchForWar polls the volumes' parents (glob patterns by volume name)
// while the runs go on and reports, for each volume, whether a home on it
// held extracted war files.
func watchForWar(t *testing.T, parents map[string]string) func() map[string]bool {
	t.Helper()
	stop := make(chan struct{})
	done := make(chan map[string]bool)
	go func() {
		seen := map[string]bool{}
		for {
			for name, parent := range parents {
				jars, _ := filepath.Glob(filepath.Join(parent, "home-*", "war", "WEB-INF", "lib", "*.jar"))
				if len(jars) > 10 {
					seen[name] = true
				}
			}
			select {
			case <-stop:
				done <- seen
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	return func() map[string]bool { close(stop); return <-done }
}

func assertEmpty(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 0 {
		t.Errorf("%s holds %d entries after the suite, want none", dir, len(entries))
	}
}

func assertNoContainers(t *testing.T, suiteID string) {
	t.Helper()
	out, err := exec.Command("docker", "ps", "-aq", "--filter", "label=jsbench.suite="+suiteID).CombinedOutput()
	if err != nil {
		t.Fatalf("docker ps: %v: %s", err, out)
	}
	if s := strings.TrimSpace(string(out)); s != "" {
		t.Errorf("containers left behind: %s", s)
	}
}

// TestWarSubjectRunsJavaJar runs a war subject through the whole path
// (checks, `java [opts] -jar WAR --httpPort=N` as a process, the log, the
// record). No JDK or jenkins.war can be had here, so `java` is a stand-in
// script that starts the simulated controller on the war it is given.
func TestWarSubjectRunsJavaJar(t *testing.T) {
	sim := testenv.Build(t, "./cmd/jenkins-sim")
	dir := t.TempDir()
	war := filepath.Join(dir, "jenkins.war")
	if out, err := exec.Command(sim, "make-war", war).CombinedOutput(); err != nil {
		t.Fatalf("make-war: %v\n%s", err, out)
	}
	java := filepath.Join(dir, "java")
	script := `#!/bin/sh
# Stand-in for java: reads "-jar WAR" and "--httpPort=N" as java -jar would pass them on.
for a in "$@"; do
  case "$prev" in -jar) war=$a ;; esac
  case "$a" in --httpPort=*) port=$a ;; esac
  prev=$a
done
exec ` + sim + ` --war="$war" "$port"
`
	if err := os.WriteFile(java, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	sc, err := scenario.Parse(filepath.Join(dir, "war.yaml"), []byte(`version: 1
name: war
subject: {kind: war, war: jenkins.war, java: `+java+`, java_opts: "-Xmx512m"}
home: {kind: generated, jobs: 5, builds_per_job: 1, plugins: 1}
volumes: [{name: local, kind: local}]
runs: 1
timeout: 1m
cache: warm
`), runtimes.Specs())
	if err != nil {
		t.Fatal(err)
	}
	r := newRunner(t, map[string]contract.Runtime{process.Name: process.New()})
	if err := r.Run(context.Background(), []*scenario.Scenario{sc}); err != nil {
		t.Fatal(err)
	}
	recs := r.Sink.(*memorySink).records
	if len(recs) != 1 || recs[0].Status != results.StatusOK {
		t.Fatalf("records %+v", recs)
	}
	if got := recs[0].Subject; got.Kind != "war" || got.Name != war || got.Runtime != process.Name {
		t.Errorf("subject %+v: want the war, run as a process", got)
	}
	assertEmpty(t, r.WorkDir)
}
