package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/jsbench/jsbench/internal/testenv"
)

const killedScenario = `version: 1
name: killed
subject: {kind: sim}
home: {kind: generated, jobs: 20, builds_per_job: 2, plugins: 2}
volumes:
  - {name: nfs, kind: emulated, profile: nfs-lan}
runs: 10
timeout: 2m
cache: warm
`

// runningScenario keeps a controller running in a container on a local
// volume, its home in the work directory.
const runningScenario = `version: 1
name: running
subject: {kind: sim}
home: {kind: generated, jobs: 20, builds_per_job: 2, plugins: 2}
volumes: [{name: local, kind: local}]
runs: 10
timeout: 2m
cache: warm
`

const quickScenario = `version: 1
name: quick
subject: {kind: sim, runtime: process}
volumes: [{name: local, kind: local}]
runs: 1
timeout: 1m
cache: warm
`

// TestKilledRunIsSweptByTheNextStart SIGKILLs jsbench in the middle of
// an emulated run, which leaves a stale FUSE mount and a container, and
// checks that the next `jsbench run` finds and removes both.
func TestKilledRunIsSweptByTheNextStart(t *testing.T) {
	_, err := os.Stat("/dev/fuse")
	testenv.Require(t, err == nil, "/dev/fuse")
	jsbench := requireRunHost(t)
	work, dir := t.TempDir(), t.TempDir()

	killed, log := startRun(t, jsbench, t.TempDir(), work, writeScenario(t, dir, "killed.yaml", killedScenario))
	waitFor(t, killed, func() bool { return len(fuseMountsBelow(t, work)) > 0 && containersOf(t, killed.Process.Pid) != "" }, log)
	killed.Process.Kill()
	killed.Wait()
	if len(fuseMountsBelow(t, work)) == 0 {
		t.Fatal("the killed run left no mount: the test proves nothing")
	}

	next := exec.Command(jsbench, "run", "--out", t.TempDir(), "--work-dir", work, writeScenario(t, dir, "quick.yaml", quickScenario))
	out, err := next.CombinedOutput()
	if err != nil {
		t.Fatalf("next run: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "left behind by an earlier jsbench") {
		t.Errorf("the next run did not say it swept anything:\n%s", out)
	}
	checkSweepOrder(t, string(out), "container", "mount", "work")
	if m := fuseMountsBelow(t, work); len(m) > 0 {
		t.Errorf("stale mounts survived the next start: %v", m)
	}
	if c := containersOf(t, killed.Process.Pid); c != "" {
		t.Errorf("containers of the killed run survived the next start: %s", c)
	}
	if entries, _ := os.ReadDir(work); len(entries) != 0 {
		t.Errorf("work directory holds %d entries after the next run", len(entries))
	}
}

// TestKilledRunsRunningContainerIsStoppedFirst SIGKILLs jsbench while its
// controller runs in a container with its home in the work directory:
// the container outlives jsbench and goes on writing there. The next
// start must stop and remove it before it deletes the directory.
func TestKilledRunsRunningContainerIsStoppedFirst(t *testing.T) {
	jsbench := requireRunHost(t)
	work, dir := t.TempDir(), t.TempDir()
	killed, log := startRun(t, jsbench, t.TempDir(), work, writeScenario(t, dir, "running.yaml", runningScenario))
	waitFor(t, killed, func() bool { return runningContainersOf(t, killed.Process.Pid) != "" }, log)
	killed.Process.Kill()
	killed.Wait()
	orphan := runningContainersOf(t, killed.Process.Pid)
	if orphan == "" {
		t.Fatal("the killed run left no running container: the test proves nothing")
	}
	homes, _ := filepath.Glob(filepath.Join(work, "*", "home-*"))
	if len(homes) == 0 {
		t.Fatal("the killed run left no home in its work directory: the test proves nothing")
	}

	next := exec.Command(jsbench, "run", "--out", t.TempDir(), "--work-dir", work, writeScenario(t, dir, "quick.yaml", quickScenario))
	out, err := next.CombinedOutput()
	if err != nil {
		t.Fatalf("next run: %v\n%s", err, out)
	}
	checkSweepOrder(t, string(out), "container", "work")
	if c := containersOf(t, killed.Process.Pid); c != "" {
		t.Errorf("the killed run's container survived the next start: %s", c)
	}
	if entries, _ := os.ReadDir(work); len(entries) != 0 {
		t.Errorf("work directory holds %d entries after the next run", len(entries))
	}
}

func writeScenario(t *testing.T, dir, name, text string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func fuseMountsBelow(t *testing.T, dir string) []string {
	t.Helper()
	data, err := os.ReadFile("/proc/self/mountinfo")
	if err != nil {
		t.Fatal(err)
	}
	var points []string
	for _, line := range strings.Split(string(data), "\n") {
		fields := strings.Fields(line)
		if len(fields) > 4 && strings.HasPrefix(fields[4], dir+"/") && strings.Contains(line, " - fuse") {
			points = append(points, fields[4])
		}
	}
	return points
}

func containersOf(t *testing.T, pid int) string {
	t.Helper()
	out, err := exec.Command("docker", "ps", "-aq", "--filter", "label=jsbench.pid="+strconv.Itoa(pid)).CombinedOutput()
	if err != nil {
		t.Fatalf("docker ps: %v: %s", err, out)
	}
	return strings.TrimSpace(string(out))
}

// runningContainersOf lists the running containers a jsbench process made.
func runningContainersOf(t *testing.T, pid int) string {
	t.Helper()
	out, err := exec.Command("docker", "ps", "-q", "--filter", "status=running", "--filter", "label=jsbench.pid="+strconv.Itoa(pid)).CombinedOutput()
	if err != nil {
		t.Fatalf("docker ps: %v: %s", err, out)
	}
	return strings.TrimSpace(string(out))
}

// checkSweepOrder reads the lines a start prints for what it swept, in
// the order it removed them: every container before any mount, every
// mount before any work directory, so that a container still running
// never has its home pulled from under it. Each of kinds must be seen.
func checkSweepOrder(t *testing.T, out string, kinds ...string) {
	t.Helper()
	rank := map[string]int{"container": 0, "volume": 0, "mount": 1, "work": 2}
	last, seen := -1, map[string]bool{}
	for _, line := range strings.Split(out, "\n") {
		what, ok := strings.CutPrefix(line, "removed ")
		if !ok || !strings.HasSuffix(line, "left behind by an earlier jsbench") {
			continue
		}
		kind := strings.Fields(what)[0]
		seen[kind] = true
		if rank[kind] < last {
			t.Errorf("swept %q after a later stage:\n%s", line, out)
		}
		last = max(last, rank[kind])
	}
	for _, kind := range kinds {
		if !seen[kind] {
			t.Errorf("no %s swept:\n%s", kind, out)
		}
	}
}
