package emufs

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// policies returns the scheduling policy (field 41 of stat) of each
// thread of this process.
func policies(t *testing.T) []string {
	t.Helper()
	stats, err := filepath.Glob("/proc/self/task/*/stat")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, path := range stats {
		data, err := os.ReadFile(path)
		if err != nil {
			continue // the thread exited
		}
		fields := strings.Fields(string(data[strings.LastIndexByte(string(data), ')')+1:]))
		out = append(out, fields[38]) // field 41, counted from field 3
	}
	return out
}

// TestServingThreadsRunAtRealtimePriority: as root, the thread that
// served a delayed request runs SCHED_FIFO (1) afterwards.
func TestServingThreadsRunAtRealtimePriority(t *testing.T) {
	srv, mnt, backing := mountT(t, Profile{Name: "delayed", Metadata: fixed(100 * time.Microsecond)})
	if !srv.Realtime() {
		t.Fatal("as root, the mount does not serve at real-time priority")
	}
	if err := os.WriteFile(filepath.Join(backing, "f"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(mnt, "f")); err != nil {
		t.Fatal(err)
	}
	got := policies(t)
	for _, p := range got {
		if p == "1" {
			return
		}
	}
	t.Errorf("thread policies %v: none is SCHED_FIFO after serving a request", got)
}

// TestChildrenOfServingThreadsStartNormal: a process started from a
// promoted thread (a subject run as a process) is not real-time.
func TestChildrenOfServingThreadsStartNormal(t *testing.T) {
	requireFUSE(t) // root
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	defer unix.SchedSetAttr(0, &unix.SchedAttr{Policy: unix.SCHED_NORMAL}, 0)
	(&shaper{realtime: true}).promote()
	if attr, err := unix.SchedGetAttr(0, 0); err != nil || attr.Policy != unix.SCHED_FIFO {
		t.Fatalf("promote left the thread at %+v, %v", attr, err)
	}
	out, err := exec.Command("sh", "-c", `cut -d' ' -f41 /proc/$$/stat`).Output()
	if err != nil {
		t.Fatal(err)
	}
	if policy := strings.TrimSpace(string(out)); policy != "0" {
		t.Errorf("child's policy %s, want 0 (SCHED_NORMAL)", policy)
	}
}
