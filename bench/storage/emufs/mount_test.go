package emufs

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jsbench/jsbench/internal/testenv"
)

// requireFUSE skips a test that needs root and /dev/fuse, unless CI is
// set: there a skip would hide a broken machine, so it fails.
func requireFUSE(t *testing.T) {
	t.Helper()
	reason := ""
	if os.Geteuid() != 0 {
		reason = "needs root to mount FUSE without fusermount"
	} else if _, err := os.Stat("/dev/fuse"); err != nil {
		reason = "needs /dev/fuse"
	}
	if reason == "" {
		return
	}
	testenv.Require(t, false, reason)
}

// mountT mounts p over a fresh backing directory and unmounts it when
// the test ends.
func mountT(t *testing.T, p Profile, opts ...Option) (srv *Server, mnt, backing string) {
	t.Helper()
	requireFUSE(t)
	dir := t.TempDir()
	mnt, backing = filepath.Join(dir, "mnt"), filepath.Join(dir, "backing")
	for _, d := range []string{mnt, backing} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	srv, err := Mount(mnt, backing, p, opts...)
	if err != nil {
		t.Fatalf("Mount: %v", err)
	}
	t.Cleanup(func() {
		if err := srv.Unmount(); err != nil {
			t.Errorf("Unmount: %v", err)
		}
	})
	return srv, mnt, backing
}

func fixed(d time.Duration) Latency { return Latency{Median: Duration(d)} }

func TestStatPaysInjectedLatency(t *testing.T) {
	const injected = 5 * time.Millisecond
	srv, mnt, backing := mountT(t, Profile{Name: "fixed", Metadata: fixed(injected)})
	if err := os.WriteFile(filepath.Join(backing, "config.xml"), []byte("<x/>"), 0o644); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if _, err := os.Stat(filepath.Join(mnt, "config.xml")); err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took < injected {
		t.Errorf("stat took %v, want at least the injected %v", took, injected)
	}
	lookup := srv.Stats().Ops["lookup"]
	if lookup.Count != 1 || lookup.Latency != injected {
		t.Errorf("lookup stats = %+v, want 1 lookup with %v injected", lookup, injected)
	}
}

func TestWritesReachBackingDir(t *testing.T) {
	_, mnt, backing := mountT(t, Profile{Name: "none"})
	if err := os.MkdirAll(filepath.Join(mnt, "jobs", "a"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(mnt, "jobs", "a", "config.xml"), []byte("<project/>"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(backing, "jobs", "a", "config.xml"))
	if err != nil || string(got) != "<project/>" {
		t.Errorf("backing file = %q, %v; want %q", got, err, "<project/>")
	}
}

func TestOtherUserCanWrite(t *testing.T) {
	const uid, gid = 1000, 1000
	requireFUSE(t)
	_, mnt, backing := mountT(t, Profile{Name: "none"}, WithAllowOther())
	if err := os.Chown(backing, uid, gid); err != nil {
		t.Fatal(err)
	}
	// t.TempDir makes its directories 0700; uid 1000 must get through.
	for dir := filepath.Dir(mnt); dir != os.TempDir(); dir = filepath.Dir(dir) {
		if err := os.Chmod(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command("/bin/sh", "-c", "echo up > "+filepath.Join(mnt, "by-jenkins"))
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uid, Gid: gid}}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("write as uid %d: %v: %s", uid, err, out)
	}
	var st syscall.Stat_t
	if err := syscall.Stat(filepath.Join(backing, "by-jenkins"), &st); err != nil {
		t.Fatal(err)
	}
	if st.Uid != uid {
		t.Errorf("backing file owned by uid %d, want %d", st.Uid, uid)
	}
}

func TestUnmountLeavesNoMount(t *testing.T) {
	requireFUSE(t)
	dir := t.TempDir()
	srv, err := Mount(dir, t.TempDir(), Profile{Name: "none"})
	if err != nil {
		t.Fatal(err)
	}
	if !mounted(t, dir) {
		t.Fatalf("%q not in mountinfo after Mount", dir)
	}
	if err := srv.Unmount(); err != nil {
		t.Fatal(err)
	}
	if mounted(t, dir) {
		t.Errorf("%q still in mountinfo after Unmount", dir)
	}
	if err := srv.Unmount(); err != nil {
		t.Errorf("second Unmount: %v", err)
	}
}

func mounted(t *testing.T, point string) bool {
	t.Helper()
	f, err := os.Open("/proc/self/mountinfo")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	points, err := ourMounts(f, point)
	if err != nil {
		t.Fatal(err)
	}
	return len(points) > 0
}

func TestThroughputCapLimitsWrite(t *testing.T) {
	const size, rate = 8 << 20, 8 << 20
	p := Profile{Name: "capped", Writes: WriteThrough, Throughput: Cap{BaselinePerS: rate}}
	srv, mnt, _ := mountT(t, p)
	start := time.Now()
	if err := os.WriteFile(filepath.Join(mnt, "big"), make([]byte, size), 0o644); err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	// The cap saves up CapWindow (0.1 s) of its rate, 0.8 MiB; the other
	// 7.2 MiB go at 8 MiB/s: 0.9 s.
	want := time.Duration((size - rate*CapWindow.Seconds()) / rate * float64(time.Second))
	write := srv.Stats().Ops["write"]
	if write.Bytes != size {
		t.Errorf("write bytes = %d, want %d", write.Bytes, size)
	}
	// Load on the machine can only slow the write down: the upper bound
	// is loose, the lower one tight.
	if took < want*9/10 || took > want*3 {
		t.Errorf("8 MiB at 8 MiB/s took %v, want about %v", took, want)
	}
	if write.Throttle < want/2 {
		t.Errorf("throttled %v in all, want most of %v", write.Throttle, want)
	}
}

func TestStatsCountOperations(t *testing.T) {
	// The read latency keeps data requests coming to emufs (no passthrough).
	p := Profile{Name: "flushing", Flush: fixed(time.Millisecond), Read: fixed(time.Microsecond)}
	srv, mnt, _ := mountT(t, p)
	if err := os.WriteFile(filepath.Join(mnt, "f"), []byte(strings.Repeat("x", 100)), 0o644); err != nil {
		t.Fatal(err)
	}
	ops := srv.Stats().Ops
	for _, op := range []string{"lookup", "create", "write", "flush"} {
		if ops[op].Count != 1 {
			t.Errorf("%s counted %d times, want 1: %+v", op, ops[op].Count, ops)
		}
	}
	if ops["write"].Bytes != 100 || ops["flush"].Latency != time.Millisecond {
		t.Errorf("write bytes %d, flush latency %v; want 100 and 1ms", ops["write"].Bytes, ops["flush"].Latency)
	}
}

// A profile whose flush is free tells the kernel not to send flushes.
func TestFreeFlushIsNotSent(t *testing.T) {
	srv, mnt, _ := mountT(t, Profile{Name: "none"})
	for _, name := range []string{"a", "b"} {
		if err := os.WriteFile(filepath.Join(mnt, name), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if n := srv.Stats().Ops["flush"].Count; n != 0 {
		t.Errorf("%d flushes reached the file system", n)
	}
}

// The kernel asks for attributes after a write; an NFS client would
// answer from its attribute cache while that is valid.
func TestGetattrPaysOnlyWhenTheAttributeCacheExpired(t *testing.T) {
	const metadata = 2 * time.Millisecond
	tests := []struct {
		name    string
		attr    time.Duration
		charged bool
	}{
		{"within the attribute timeout", time.Hour, false},
		{"attribute cache off", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Profile{Name: "attr", Metadata: fixed(metadata), Cache: Cache{Entry: Duration(time.Hour), Attr: Duration(tt.attr)}}
			srv, mnt, _ := mountT(t, p)
			path := filepath.Join(mnt, "config.xml")
			if err := os.WriteFile(path, []byte("<x/>"), 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(path); err != nil {
				t.Fatal(err)
			}
			getattr := srv.Stats().Ops["getattr"]
			if getattr.Count == 0 {
				t.Fatal("the stat after a write sent no getattr")
			}
			if charged := getattr.Latency > 0; charged != tt.charged {
				t.Errorf("getattr latency %v, want charged=%v", getattr.Latency, tt.charged)
			}
		})
	}
}

func TestUnmountDetachesBusyMount(t *testing.T) {
	requireFUSE(t)
	dir := t.TempDir()
	srv, err := Mount(dir, t.TempDir(), Profile{Name: "none"})
	if err != nil {
		t.Fatal(err)
	}
	busy, err := os.Create(filepath.Join(dir, "held-open"))
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		time.Sleep(500 * time.Millisecond)
		busy.Close()
	}()
	if err := srv.Unmount(); err != nil {
		t.Fatalf("Unmount of a mount busy for 0.5 s: %v", err)
	}
	if mounted(t, dir) {
		t.Errorf("%q still mounted", dir)
	}
}
