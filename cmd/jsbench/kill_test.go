package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/jsbench/jsbench/bench/testenv"
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
