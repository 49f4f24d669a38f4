package runner_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/jsbench/jsbench/bench/observe/jenkinslog"
	"github.com/jsbench/jsbench/bench/plan/scenario"
	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/bench/runtime/contract"
	"github.com/jsbench/jsbench/bench/runtime/process"
	"github.com/jsbench/jsbench/bench/runtime/runtimes"
	"github.com/jsbench/jsbench/internal/testenv"
)

// restartScenario restarts the simulated controller on an emulated
// volume that injects (almost) nothing but counts every request.
func restartScenario(t *testing.T, webroot string) *scenario.Scenario {
	t.Helper()
	yaml := fmt.Sprintf(`version: 1
name: it-restart-%s
subject: {kind: sim, runtime: process, sim: {webroot: %s, war_entries: 200, war_mb: 8}}
home: {kind: generated, jobs: 10, builds_per_job: 2, plugins: 3, seed: 7}
volumes:
  - name: nfs
    kind: emulated
    profile: {base: nfs-lan, metadata: {median: 1us}, open: {median: 1us}, readdir: {median: 1us}, read: {median: 1us},
              namespace: {median: 1us}, flush: {median: 1us}, fsync: {median: 1us}, throughput: {baseline_per_s: 0}}
start: restart
runs: 1
timeout: 2m
cache: warm
`, webroot, webroot)
	sc, err := scenario.Parse("it.yaml", []byte(yaml), runtimes.Specs())
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// A restart mounts the home anew: the client is cold, so the new
// controller looks names up and reads files from the server again. In
// the home layout the WAR stays extracted on the volume; in the Helm
// chart's it is extracted again, into an empty cache off the volume.
func TestRestartIsANewClientInEitherWebrootLayout(t *testing.T) {
	testenv.RequireRoot(t)
	testenv.Require(t, fuseAvailable(), "/dev/fuse")
	sim := testenv.Build(t, "./cmd/jenkins-sim")
	war := filepath.Join(t.TempDir(), "jenkins.war")
	if out, err := exec.Command(sim, "make-war", war).CombinedOutput(); err != nil {
		t.Fatalf("make-war: %v\n%s", err, out)
	}
	for _, webroot := range []string{"home", "cache"} {
		t.Run(webroot, func(t *testing.T) {
			r := newRunner(t, map[string]contract.Runtime{process.Name: process.New(process.WithSim(sim, war))})
			if err := r.Run(context.Background(), []*scenario.Scenario{restartScenario(t, webroot)}); err != nil {
				t.Fatal(err)
			}
			records := r.Sink.(*memorySink).records
			if len(records) != 2 || records[1].Status != results.StatusOK {
				t.Fatalf("records %+v: want the priming start and one restart, up", records)
			}
			restart := records[1]
			ops := restart.StorageOps
			if ops["lookup"].Count == 0 || ops["read"].Count == 0 || ops["opendir"].Count == 0 {
				t.Errorf("restart's operations %v: want lookups, reads and revalidated listings of a cold client", ops)
			}
			extracted := !skipped(restart, jenkinslog.WarExtraction)
			if extracted != (webroot == "cache") {
				t.Errorf("war extraction on restart: extracted = %v, want it only in the cache layout", extracted)
			}
			if created := ops["create"].Count; created > 10 {
				t.Errorf("restart created %d files on the volume; want the war left alone (home) or extracted elsewhere (cache)", created)
			}
			if entries, _ := os.ReadDir(r.WorkDir); hasCache(entries) {
				t.Errorf("work directory %v: the controller's cache outlived its run", entries)
			}
		})
	}
}

func skipped(rec results.Record, phase string) bool {
	for _, p := range rec.Phases {
		if p.Name == phase {
			return p.Skipped
		}
	}
	return true
}

func hasCache(entries []os.DirEntry) bool {
	for _, e := range entries {
		if len(e.Name()) > 6 && e.Name()[:6] == "cache-" {
			return true
		}
	}
	return false
}

func fuseAvailable() bool {
	_, err := os.Stat("/dev/fuse")
	return err == nil
}
