package htmlreport_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/internal/testenv"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testenv.RemoveBuilds()
	os.Exit(code)
}

// Payloads that would run if the page let a recorded string through as
// markup. The file-name payload cannot hold a '/', so it is an <img>.
const (
	scriptPayload = `<script>window.__pwned=1</script>`
	namePayload   = `<img src=x onerror=window.__pwned=1>`
)

// artifactDir holds the screenshots a person looks at, relative to the
// module root (reports/ is git-ignored).
const artifactDir = "reports/test-artifacts"

// session is a real jsbench run of the simulated controller and the
// reports made from it.
type session struct {
	jsbench string
	dir     string
	out     string // the run's output directory, with its own index.html
	report  string // jsbench report --format html --history of tampered results
}

// measure runs the simulated controller as a process on local disk,
// tmpfs and a restored snapshot, with an RTO, plus a scenario whose home
// makes the boot fail: its directory and a node carry namePayload, which
// the controller logs in its failure.
func measure(t *testing.T) session {
	t.Helper()
	s := session{jsbench: testenv.Build(t, "./cmd/jsbench"), dir: t.TempDir()}
	sim := testenv.Build(t, "./cmd/jenkins-sim")
	homeDir := filepath.Join(s.dir, "home")
	mustWrite(t, filepath.Join(homeDir, "jobs", "app", "config.xml"), "<project/>")
	snapshot := filepath.Join(s.dir, "home.tar.gz")
	s.jsbench_(t, "snapshot", "create", homeDir, snapshot)
	broken := filepath.Join(s.dir, "home-"+namePayload)
	if err := os.MkdirAll(filepath.Join(broken, "nodes", namePayload, "config.xml"), 0o755); err != nil {
		t.Fatal(err)
	}
	const simOpts = "subject: {kind: sim, runtime: process, sim: {war_entries: 200, war_mb: 4}}\n"
	storage := filepath.Join(s.dir, "storage.yaml")
	mustWrite(t, storage, "version: 1\nname: storage\n"+simOpts+`home: {kind: generated, jobs: 10, builds_per_job: 2, plugins: 3}
volumes:
  - {name: local, kind: local}
  - {name: tmpfs, kind: tmpfs}
  - {name: restored, kind: snapshot, source: `+snapshot+`}
runs: 6
timeout: 1m
cache: warm
rto: 30s
`)
	brokenYAML := filepath.Join(s.dir, "broken.yaml")
	mustWrite(t, brokenYAML, "version: 1\nname: broken\n"+simOpts+fmt.Sprintf("home: {kind: dir, dir: %q}\n", broken)+
		"volumes: [{name: local, kind: local}]\nruns: 1\ntimeout: 1m\ncache: warm\n")
	s.out = filepath.Join(s.dir, "out")
	start := time.Now()
	defer func() { t.Logf("jsbench run: 19 runs in %.1f s", time.Since(start).Seconds()) }()
	// The broken scenario's run fails: some runs failed, exit 4.
	s.jsbenchExits(t, 4, "run", "--out", s.out, "--work-dir", filepath.Join(s.dir, "work"), "--sim-binary", sim, storage, brokenYAML)
	return s
}

// reportWithHistory writes the run's results with scriptPayload added to
// the failed run's reason and log and to a volume parameter, accepts a
// slower copy of them as an earlier history entry, and renders the HTML
// report with that history.
func (s *session) reportWithHistory(t *testing.T) {
	t.Helper()
	recs, _, err := results.Load(s.out)
	if err != nil {
		t.Fatal(err)
	}
	for i := range recs {
		if recs[i].Status != results.StatusOK {
			recs[i].Reason += " " + scriptPayload
			recs[i].LastLines = append(recs[i].LastLines, "SEVERE "+scriptPayload)
		}
		if recs[i].Volume.Params == nil {
			recs[i].Volume.Params = map[string]string{}
		}
		recs[i].Volume.Params["note"] = scriptPayload
	}
	tampered := filepath.Join(s.dir, "tampered")
	writeRecords(t, filepath.Join(tampered, results.FileName), recs, nil)
	data, err := os.ReadFile(filepath.Join(s.out, "results.json"))
	if err != nil {
		t.Fatal(err)
	}
	mustWrite(t, filepath.Join(tampered, "results.json"), string(data))
	earlier := filepath.Join(s.dir, "earlier.jsonl")
	writeRecords(t, earlier, recs, func(r *results.Record) {
		r.SuiteID = "earlier"
		r.ReadyMS, r.RecoveryMS = r.ReadyMS*1.3, r.RecoveryMS*1.3
	})
	history := filepath.Join(s.dir, "history")
	s.jsbench_(t, "baseline", "accept", earlier, "--dir", history, "--label", "nightly", "--allow-busy")
	page := s.jsbench_(t, "report", "--format", "html", "--history", history, tampered)
	s.report = filepath.Join(s.dir, "report.html")
	mustWrite(t, s.report, page)
}

func (s *session) jsbench_(t *testing.T, args ...string) string {
	t.Helper()
	return s.jsbenchExits(t, 0, args...)
}

// jsbenchExits runs jsbench and wants it to exit with code.
func (s *session) jsbenchExits(t *testing.T, code int, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, s.jsbench, args...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	got := 0
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		got = exit.ExitCode()
	} else if err != nil {
		t.Fatalf("jsbench %s: %v", strings.Join(args, " "), err)
	}
	if got != code {
		t.Fatalf("jsbench %s: exit %d, want %d\n%s", strings.Join(args, " "), got, code, stderr.String())
	}
	return string(out)
}

func writeRecords(t *testing.T, path string, recs []results.Record, edit func(*results.Record)) {
	t.Helper()
	var b strings.Builder
	for _, r := range recs {
		if edit != nil {
			edit(&r)
		}
		line, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(append(line, '\n'))
	}
	mustWrite(t, path, b.String())
}

func mustWrite(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// saveArtifact writes a screenshot under the module root and logs where.
func saveArtifact(t *testing.T, name string, png []byte) {
	t.Helper()
	path := filepath.Join(testenv.ModuleRoot(t), artifactDir, name)
	mustWrite(t, path, string(png))
	t.Logf("screenshot: %s", path)
}
