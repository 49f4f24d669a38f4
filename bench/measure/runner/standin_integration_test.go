package runner_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jsbench/jsbench/bench/measure/runner"
	"github.com/jsbench/jsbench/bench/observe/jenkinslog"
	"github.com/jsbench/jsbench/bench/plan/scenario"
	"github.com/jsbench/jsbench/bench/plan/subject"
	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/bench/runtime/container"
	"github.com/jsbench/jsbench/bench/runtime/contract"
	"github.com/jsbench/jsbench/bench/runtime/runtimes"
	"github.com/jsbench/jsbench/bench/simulate/simulator"
	"github.com/jsbench/jsbench/bench/storage/home"
	"github.com/jsbench/jsbench/bench/storage/snapshot"
	"github.com/jsbench/jsbench/internal/testenv"
)

// TestImageSubjectOnTheOfficialImagesStandIn runs an image subject
// against the stand-in of the official image on every volume kind that
// runs on this machine, and on the two homes the official image refuses:
// one left to root and one mounted read-only. Those fail, classified as
// permission_denied, with the fix in the reason.
func TestImageSubjectOnTheOfficialImagesStandIn(t *testing.T) {
	ctx := context.Background()
	testenv.Require(t, container.Available(ctx) == nil, "a Docker daemon")
	testenv.RequireRoot(t)
	sim := testenv.Build(t, "./cmd/jenkins-sim")
	image, err := container.EnsureStandInImage(ctx, sim, simulator.Version)
	if err != nil {
		t.Fatal(err)
	}
	rt, err := container.New(container.WithStandInImage(image))
	if err != nil {
		t.Fatal(err)
	}
	r := newRunner(t, map[string]contract.Runtime{container.Name: rt})
	sc := standInScenario(t)
	if err := r.Run(ctx, []*scenario.Scenario{sc}); err != nil {
		t.Fatal(err)
	}
	records := r.Sink.(*memorySink).records
	if len(records) != len(sc.Volumes) {
		t.Fatalf("%d records for %d volumes", len(records), len(sc.Volumes))
	}
	for _, rec := range records {
		t.Run(rec.Volume.Name, func(t *testing.T) {
			t.Logf("%s: %s %s; ready %.0f ms; phases %+v", rec.Volume.Name, rec.Status, rec.Reason, rec.ReadyMS, rec.Phases)
			if !rec.Subject.Simulated || !strings.Contains(rec.Subject.Name, "stand-in") {
				t.Errorf("subject %+v does not say it is the simulated controller in the stand-in", rec.Subject)
			}
			if strings.HasPrefix(rec.Volume.Name, "refused-") {
				checkRefused(t, rec)
				return
			}
			checkStandInRun(t, rec)
		})
	}
	assertNoContainers(t, r.SuiteID)
}

// standInScenario writes the snapshot the restored volume starts from
// and parses the scenario.
func standInScenario(t *testing.T) *scenario.Scenario {
	t.Helper()
	src, dir := t.TempDir(), t.TempDir()
	if _, err := home.Populate(src, home.Spec{Kind: home.KindGenerated, Jobs: 10, BuildsPerJob: 1, Plugins: 2, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	archive := filepath.Join(dir, "home.tar.gz")
	if _, err := snapshot.CreateFile(archive, src); err != nil {
		t.Fatal(err)
	}
	pathDir := filepath.Join(dir, "mounted")
	if err := os.Mkdir(pathDir, 0o755); err != nil {
		t.Fatal(err)
	}
	yaml := fmt.Sprintf(`version: 1
name: standin
subject:
  kind: image
  image: %s
  java_opts: -Djsbench.sim.war-entries=200 -Djsbench.sim.war-mb=4
home: {kind: generated, jobs: 10, builds_per_job: 1, plugins: 2, seed: 3}
volumes:
  - {name: local, kind: local, dir: %q}
  - {name: tmpfs, kind: tmpfs}
  - {name: nfs-lan, kind: emulated, profile: nfs-lan}
  - {name: path, kind: path, dir: %q}
  - {name: restored, kind: snapshot, source: %q, target: {kind: local}}
  - {name: refused-root-owned, kind: local, owner: "0:0"}
  - {name: refused-read-only, kind: local, read_only: true}
runs: 1
timeout: 3m
cache: warm
`, subject.StandInRepository, t.TempDir(), pathDir, archive)
	sc, err := scenario.Parse("standin.yaml", []byte(yaml), runtimes.Specs())
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// checkStandInRun wants the run up, the pre-Java phase (the entrypoint's
// copy of $REF) measured on its own before the log's phases, and the war
// extracted.
func checkStandInRun(t *testing.T, rec results.Record) {
	t.Helper()
	if rec.Status != results.StatusOK {
		t.Fatalf("%s: %s\n%s", rec.Status, rec.Reason, strings.Join(rec.LastLines, "\n"))
	}
	if len(rec.Phases) < 3 || rec.Phases[0].Name != runner.PhaseEntrypoint || rec.Phases[1].Name != jenkinslog.Launcher {
		t.Fatalf("phases %+v: want entrypoint and launcher first", rec.Phases)
	}
	if rec.Phases[0].DurationMS <= 0 {
		t.Errorf("entrypoint phase %+v: the copy of $REF takes time", rec.Phases[0])
	}
	end := 0.0
	for _, p := range rec.Phases {
		if p.StartMS+0.001 < end {
			t.Errorf("phase %s starts at %v ms, before the previous one ended (%v ms)", p.Name, p.StartMS, end)
		}
		end = p.StartMS + p.DurationMS
		if p.Name == jenkinslog.WarExtraction && (p.Skipped || p.DurationMS <= 0) {
			t.Errorf("war extraction %+v on a fresh home", p)
		}
	}
	if rec.Clock == nil || rec.Clock.Source != "docker" {
		t.Errorf("clock %+v, want Docker's stamps", rec.Clock)
	}
}

// checkRefused wants the classic "Permission denied" start: failed,
// classified, with the fix.
func checkRefused(t *testing.T, rec results.Record) {
	t.Helper()
	if rec.Status != results.StatusFailed {
		t.Fatalf("%s: %s; want failed", rec.Status, rec.Reason)
	}
	if rec.FailureSignature != jenkinslog.SignaturePermissionDenied {
		t.Errorf("failure signature %q, want %q", rec.FailureSignature, jenkinslog.SignaturePermissionDenied)
	}
	for _, want := range []string{"Wrong volume permissions?", "chown -R 1000:1000", "read-write"} {
		if !strings.Contains(rec.Reason, want) {
			t.Errorf("reason %q lacks %q", rec.Reason, want)
		}
	}
}
