package main

import (
	"archive/zip"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jsbench/jsbench/bench/simulate/simulator"
	"github.com/jsbench/jsbench/bench/storage/home"
)

// recordLine is one Winstone SupportLogFormatter record (calibration.md).
var recordLine = regexp.MustCompile(`^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}[+-]\d{4} \[id=\d+\]\t(INFO|WARNING|SEVERE)\t[\w.$]+#[\w$<>]+: `)

// startupOrder is what a clean start logs, in order (calibration.md and
// fixtures 01, 02).
var startupOrder = []string{
	"Running from: ",
	"webroot: ",
	"winstone.Logger#logInternal: Beginning extraction from war file",
	"org.eclipse.jetty.server.Server#doStart: Started oejs.Server@",
	"winstone.Logger#logInternal: Winstone Servlet Engine running",
	"jenkins.model.Jenkins#<init>: Starting version 2.541.3-jsbench-sim",
	"jenkins.InitReactorRunner$1#onAttained: Started initialization",
	"jenkins.InitReactorRunner$1#onAttained: Listed all plugins",
	"jenkins.InitReactorRunner$1#onAttained: Prepared all plugins",
	"jenkins.InitReactorRunner$1#onAttained: Started all plugins",
	"jenkins.InitReactorRunner$1#onAttained: Augmented all extensions",
	"jenkins.InitReactorRunner$1#onAttained: System config loaded",
	"jenkins.InitReactorRunner$1#onAttained: System config adapted",
	"jenkins.InitReactorRunner$1#onAttained: Loaded all jobs",
	"jenkins.InitReactorRunner$1#onAttained: Configuration for all jobs updated",
	"jenkins.InitReactorRunner$1#onAttained: Completed initialization",
	"hudson.lifecycle.Lifecycle#onReady: Jenkins is fully up and running",
}

// shutdownOrder is what SIGTERM logs (2.555.3's shutdown, see boot.go).
var shutdownOrder = []string{
	"winstone.Logger#logInternal: JVM is terminating. Shutting down Jetty",
	"hudson.lifecycle.Lifecycle#onStatusUpdate: Stopping Jenkins",
	"jenkins.model.Jenkins$13#onAttained: Started termination",
	"jenkins.model.Jenkins$13#onAttained: Completed termination",
	"jenkins.model.Jenkins#_cleanUpPersistQueue: Persisting build queue",
	"hudson.lifecycle.Lifecycle#onStatusUpdate: Jenkins stopped",
}

func TestStartStopRestart(t *testing.T) {
	dir := t.TempDir()
	if _, err := home.Populate(dir, home.Spec{Kind: home.KindGenerated, Jobs: 50, BuildsPerJob: 5, Plugins: 10, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	// A job never migrated to numbered builds: loading it writes legacyIds.
	legacy := filepath.Join(dir, "jobs", "payments-build", "builds", "legacyIds")
	if err := os.Remove(legacy); err != nil {
		t.Fatal(err)
	}

	// The CPU cost per job holds the loading page up long enough to probe.
	p := startSim(t, dir, 0, "--httpPort=0", "--cpu-per-job=20ms")
	url := p.baseURL(t)
	p.waitFor(t, "Started initialization")
	probeLoading(t, p, url+"/login")
	p.waitFor(t, "Jenkins is fully up and running")
	for path, want := range map[string]int{"/login": 200, "/": 200, "/nothing": 404} {
		if got := get(t, url+path); got != want {
			t.Errorf("GET %s = %d, want %d", path, got, want)
		}
	}
	if code := p.stop(t); code != 0 {
		t.Errorf("exit code after SIGTERM = %d, want 0", code)
	}
	log := p.log()
	checkFormat(t, log)
	checkOrder(t, log, append(startupOrder, shutdownOrder...))
	checkNoTrouble(t, log)
	checkWebroot(t, filepath.Join(dir, "war"))
	checkPluginsExploded(t, filepath.Join(dir, "plugins"))
	for _, f := range []string{legacy, filepath.Join(dir, "queue.xml"), filepath.Join(dir, "queue.xml.bak")} {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("after a start: %v", err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "failed-boot-attempts.txt")); err == nil {
		t.Errorf("%s is left after a successful boot", "failed-boot-attempts.txt")
	}

	t.Run("restart skips extraction", func(t *testing.T) {
		// Extracting or exploding again would create these files anew.
		paths := []string{filepath.Join(dir, "war", "META-INF", "MANIFEST.MF"), filepath.Join(dir, "war"),
			filepath.Join(dir, "plugins", "structs", "META-INF", "MANIFEST.MF")}
		before := changeTimes(t, paths)
		p := startSim(t, dir, 0, "--httpPort=-1")
		p.waitFor(t, "Jenkins is fully up and running")
		if code := p.stop(t); code != 0 {
			t.Errorf("exit code = %d, want 0", code)
		}
		checkOrder(t, p.log(), []string{"Beginning extraction from war file", "Started initialization", "fully up and running"})
		for path, ctime := range changeTimes(t, paths) {
			if ctime != before[path] {
				t.Errorf("%s was written again on restart", path)
			}
		}
	})
}

// probeLoading asks for /login while Jenkins initializes: 503, unless the
// boot already finished (then the window was missed, which is not a fault).
func probeLoading(t *testing.T, p *simProcess, url string) {
	t.Helper()
	code := get(t, url)
	ready := strings.Contains(strings.Join(p.log(), "\n"), "fully up and running")
	switch {
	case code == http.StatusServiceUnavailable:
	case code == http.StatusOK && ready:
		t.Log("Jenkins was ready before the probe: 503 not observed")
	default:
		t.Errorf("GET /login during startup = %d, want 503", code)
	}
}

func get(t *testing.T, url string) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if v := resp.Header.Get("X-Jenkins"); v != simulator.Version {
		t.Errorf("GET %s: X-Jenkins = %q, want %q", url, v, simulator.Version)
	}
	return resp.StatusCode
}

func checkFormat(t *testing.T, log []string) {
	t.Helper()
	for _, line := range log {
		if strings.HasPrefix(line, "Running from: ") || strings.HasPrefix(line, "webroot: ") {
			continue
		}
		if !recordLine.MatchString(line) {
			t.Errorf("not a Jenkins log record: %q", line)
		}
	}
}

// checkOrder checks that each of want appears in log after the previous.
func checkOrder(t *testing.T, log []string, want []string) {
	t.Helper()
	i := 0
	for _, line := range log {
		if i < len(want) && strings.Contains(line, want[i]) {
			i++
		}
	}
	if i < len(want) {
		t.Errorf("log lacks %q (in this order after %q):\n%s", want[i], want[max(i-1, 0)], strings.Join(log, "\n"))
	}
}

// checkNoTrouble allows Jetty's usual warning and nothing else.
func checkNoTrouble(t *testing.T, log []string) {
	t.Helper()
	for _, line := range log {
		if (strings.Contains(line, "\tWARNING\t") || strings.Contains(line, "\tSEVERE\t")) && !strings.Contains(line, "Empty contextPath") {
			t.Errorf("unexpected trouble: %q", line)
		}
	}
}

func checkWebroot(t *testing.T, webroot string) {
	t.Helper()
	r, err := zip.OpenReader(testWar)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for _, f := range r.File {
		info, err := os.Stat(filepath.Join(webroot, f.Name))
		if err != nil || info.Size() != int64(f.UncompressedSize64) {
			t.Errorf("war entry %s not extracted whole: %v", f.Name, err)
		}
	}
	if n := countFiles(t, webroot); n != testWarEntries+1 {
		t.Errorf("webroot holds %d files, want %d entries and .timestamp", n, testWarEntries)
	}
	stamp, err := os.Stat(filepath.Join(webroot, ".timestamp"))
	war, _ := os.Stat(testWar)
	if err != nil || (stamp.ModTime().Sub(war.ModTime())).Abs() > time.Second {
		t.Errorf(".timestamp does not carry the war's time: %v", err)
	}
}

func checkPluginsExploded(t *testing.T, plugins string) {
	t.Helper()
	archives, _ := filepath.Glob(filepath.Join(plugins, "*.jpi"))
	if len(archives) == 0 {
		t.Fatal("no plugins to check")
	}
	for _, archive := range archives {
		dir := strings.TrimSuffix(archive, ".jpi")
		jars, _ := filepath.Glob(filepath.Join(dir, "WEB-INF", "lib", "*.jar"))
		if _, err := os.Stat(filepath.Join(dir, "META-INF", "MANIFEST.MF")); err != nil || len(jars) == 0 {
			t.Errorf("%s not exploded: %v, %d jars", archive, err, len(jars))
		}
		stamp, err1 := os.Stat(filepath.Join(dir, ".timestamp2"))
		jpi, err2 := os.Stat(archive)
		if err1 != nil || err2 != nil || stamp.ModTime().UnixMilli() != jpi.ModTime().UnixMilli() {
			t.Errorf("%s: .timestamp2 does not carry the archive's time (%v, %v)", archive, err1, err2)
		}
	}
}

func countFiles(t *testing.T, dir string) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// changeTimes returns the inode change time of each path: unlike the
// modification time (which extraction sets from the archive), it shows
// whether a file was created again.
func changeTimes(t *testing.T, paths []string) map[string]syscall.Timespec {
	t.Helper()
	times := map[string]syscall.Timespec{}
	for _, path := range paths {
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		times[path] = info.Sys().(*syscall.Stat_t).Ctim
	}
	return times
}

func TestFolderItemsLoad(t *testing.T) {
	dir := t.TempDir()
	if _, err := home.Populate(dir, home.Spec{Kind: home.KindGenerated, Jobs: 4, BuildsPerJob: 2, Folders: 2, Seed: 2}); err != nil {
		t.Fatal(err)
	}
	legacy := filepath.Join(dir, "jobs", "team-bravo", "jobs", "api-gateway-build", "builds", "legacyIds")
	if err := os.Remove(legacy); err != nil {
		t.Fatal(err)
	}
	p := startSim(t, dir, 0, "--httpPort=-1")
	p.waitFor(t, "Jenkins is fully up and running")
	if code := p.stop(t); code != 0 {
		t.Errorf("exit code = %d, want 0", code)
	}
	if _, err := os.Stat(legacy); err != nil {
		t.Errorf("the job in a folder was not loaded: %v", err)
	}
}

func TestFreshHome(t *testing.T) {
	dir := t.TempDir()
	p := startSim(t, dir, 0, "--httpPort=-1")
	p.waitFor(t, "Jenkins is fully up and running")
	if code := p.stop(t); code != 0 {
		t.Errorf("exit code = %d, want 0", code)
	}
	checkNoTrouble(t, p.log())
	for _, f := range []string{"secret.key", "secrets/master.key", "identity.key.enc", "config.xml", "nodeMonitors.xml",
		"jenkins.install.InstallUtil.lastExecVersion", "queue.xml", "plugins", "jobs"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("a first boot did not write it: %v", err)
		}
	}
}
