package emufs

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// clientProfile caches for longer than a test runs and puts a read
// latency on the data path, so that reads reach emufs and are counted
// (a profile with nothing on the data path passes reads through).
var clientProfile = Profile{Name: "client", Read: fixed(time.Microsecond), Open: fixed(time.Microsecond),
	Cache: Cache{Entry: Duration(time.Hour), Attr: Duration(time.Hour), Negative: Duration(time.Hour)}}

// restartReads does what a restart does with a home: open and read a
// jar, look for a marker that is not there, list a directory.
func restartReads(t *testing.T, mnt string) {
	t.Helper()
	if _, err := os.ReadFile(filepath.Join(mnt, "plugins", "lib.jar")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(mnt, "plugins", "lib.jpi.disabled")); !os.IsNotExist(err) {
		t.Fatalf("stat of the missing marker: %v", err)
	}
	if _, err := os.ReadDir(filepath.Join(mnt, "plugins")); err != nil {
		t.Fatal(err)
	}
}

func writeHome(t *testing.T, backing string) {
	t.Helper()
	if err := os.Mkdir(filepath.Join(backing, "plugins"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(backing, "plugins", "lib.jar"), make([]byte, 256<<10), 0o644); err != nil {
		t.Fatal(err)
	}
}

// counts returns the requests of each class served since before.
func counts(srv *Server, before Stats) map[string]int64 {
	out := map[string]int64{}
	for op, s := range srv.Stats().Ops {
		out[op] = s.Count - before.Ops[op].Count
	}
	return out
}

func TestWarmClientRevalidatesOnOpenOnly(t *testing.T) {
	srv, mnt, backing := mountT(t, clientProfile)
	writeHome(t, backing)
	restartReads(t, mnt)
	before := srv.Stats()
	restartReads(t, mnt)
	got := counts(srv, before)
	// Close-to-open: the jar's open and the directory's open go to the
	// server; names, the missing marker and pages come from the cache.
	if got["open"] != 1 || got["opendir"] != 1 {
		t.Errorf("warm restart: %d opens, %d opendirs; want 1 and 1 (close-to-open revalidation)", got["open"], got["opendir"])
	}
	if got["lookup"] != 0 || got["read"] != 0 {
		t.Errorf("warm restart: %d lookups, %d reads; want none (names and pages cached)", got["lookup"], got["read"])
	}
}

func TestNewClientStartsCold(t *testing.T) {
	srv, mnt, backing := mountT(t, clientProfile)
	writeHome(t, backing)
	restartReads(t, mnt)
	cold := counts(srv, Stats{})
	srv.NewClient()
	before := srv.Stats()
	restartReads(t, mnt)
	got := counts(srv, before)
	// plugins, lib.jar and the missing marker are looked up again, and
	// the jar is read from the server again, as on the first start.
	for _, op := range []string{"lookup", "read", "open", "opendir"} {
		if got[op] != cold[op] || got[op] == 0 {
			t.Errorf("after NewClient: %d %s requests, want what the first start made (%d)", got[op], op, cold[op])
		}
	}
}

func TestNewMountStartsCold(t *testing.T) {
	srv, mnt, backing := mountT(t, clientProfile)
	writeHome(t, backing)
	restartReads(t, mnt)
	cold := counts(srv, Stats{})
	// A second mount of the same files: another node's client, while the
	// first one's caches are warm.
	other := filepath.Join(filepath.Dir(mnt), "other")
	if err := os.Mkdir(other, 0o755); err != nil {
		t.Fatal(err)
	}
	srv2, err := Mount(other, backing, clientProfile)
	if err != nil {
		t.Fatal(err)
	}
	defer srv2.Unmount()
	restartReads(t, other)
	got := counts(srv2, Stats{})
	for _, op := range []string{"lookup", "read"} {
		if got[op] != cold[op] {
			t.Errorf("new mount: %d %s requests, want the first mount's cold %d", got[op], op, cold[op])
		}
	}
}

func TestNewClientKeepsWrittenData(t *testing.T) {
	srv, mnt, _ := mountT(t, clientProfile)
	path := filepath.Join(mnt, "queue.xml")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString("<queue/>"); err != nil {
		t.Fatal(err)
	}
	srv.NewClient() // the file is still open, its page dirty
	if _, err := f.WriteString("\n"); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(path); err != nil || string(got) != "<queue/>\n" {
		t.Errorf("after NewClient: %q, %v; want the whole file", got, err)
	}
}
