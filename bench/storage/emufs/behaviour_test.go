package emufs

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestReaddirPaysPerBatchNotPerEntry(t *testing.T) {
	p := Profile{Name: "listing", Readdir: fixed(time.Millisecond), ReaddirBatch: 128, Metadata: fixed(time.Millisecond)}
	srv, mnt, backing := mountT(t, p)
	jobs := filepath.Join(backing, "jobs")
	if err := os.Mkdir(jobs, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := range 300 {
		if err := os.WriteFile(filepath.Join(jobs, fmt.Sprintf("job-%03d", i)), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	entries, err := os.ReadDir(filepath.Join(mnt, "jobs"))
	if err != nil || len(entries) != 300 {
		t.Fatalf("ReadDir = %d entries, %v; want 300", len(entries), err)
	}
	ops := srv.Stats().Ops
	// 300 entries (302 with . and ..) in batches of 128: 3 round trips.
	if got := ops["readdir"].Count; got != 3 {
		t.Errorf("readdir round trips = %d, want 3", got)
	}
	// Only "jobs" itself was looked up; READDIRPLUS attributes are free.
	if got := ops["lookup"].Count; got != 1 {
		t.Errorf("lookups = %d, want 1", got)
	}
}

func TestLazyFetchOnFirstTouchOnly(t *testing.T) {
	requireFUSE(t)
	const chunk = 512 << 10
	dir := t.TempDir()
	mnt, backing := filepath.Join(dir, "mnt"), filepath.Join(dir, "backing")
	os.Mkdir(mnt, 0o755)
	os.Mkdir(backing, 0o755)
	if err := os.WriteFile(filepath.Join(backing, "jenkins.war"), make([]byte, 2*chunk), 0o644); err != nil {
		t.Fatal(err)
	}
	p := Profile{Name: "lazy", Cache: pageCache, Lazy: Lazy{ChunkBytes: chunk, Fetch: fixed(5 * time.Millisecond)}}
	srv, err := Mount(mnt, backing, p)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Unmount()
	war := filepath.Join(mnt, "jenkins.war")
	fetches := func() int64 { return srv.Stats().Ops["read"].Fetches }

	readUncached(t, war)
	if got := fetches(); got != 2 {
		t.Fatalf("first read fetched %d blocks, want 2", got)
	}
	// A file written straight into the backing directory after the mount
	// (the volume's populate step) is restored too.
	if err := os.WriteFile(filepath.Join(backing, "populated.xml"), make([]byte, chunk), 0o644); err != nil {
		t.Fatal(err)
	}
	readUncached(t, filepath.Join(mnt, "populated.xml"))
	if got := fetches(); got != 3 {
		t.Fatalf("a populated file fetched %d blocks, want 1", got-2)
	}
	readUncached(t, war)
	if got := fetches(); got != 3 {
		t.Errorf("second read fetched %d more blocks, want none", got-3)
	}
	if err := os.WriteFile(filepath.Join(mnt, "new.xml"), make([]byte, chunk), 0o644); err != nil {
		t.Fatal(err)
	}
	readUncached(t, filepath.Join(mnt, "new.xml"))
	if got := fetches(); got != 3 {
		t.Errorf("a file created through the mount fetched %d blocks, want none", got-3)
	}
	// The war's pages are cached now; MarkRestored must drop them for a
	// plain read to reach the file system and fetch again.
	srv.MarkRestored()
	if _, err := os.ReadFile(war); err != nil {
		t.Fatal(err)
	}
	if got := fetches(); got != 5 {
		t.Errorf("after MarkRestored, fetches = %d, want the war's 2 again (5)", got)
	}
}

// readUncached reads a file after asking the kernel to drop its pages,
// so that the reads reach the file system.
func readUncached(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const fadvDontNeed = 4
	if _, _, errno := syscall.Syscall6(syscall.SYS_FADVISE64, f.Fd(), 0, 0, fadvDontNeed, 0, 0); errno != 0 {
		t.Fatalf("fadvise: %v", errno)
	}
	buf := make([]byte, 1<<20)
	for {
		if _, err := f.Read(buf); err != nil {
			return
		}
	}
}

// With the writeback cache, a partial overwrite through a write-only
// handle makes the kernel read the rest of the page through that handle.
func TestPartialOverwriteThroughWriteOnlyHandle(t *testing.T) {
	_, mnt, backing := mountT(t, Profile{Name: "none"})
	original := []byte(strings.Repeat("a", 8192))
	if err := os.WriteFile(filepath.Join(backing, "nextBuildNumber"), original, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(filepath.Join(mnt, "nextBuildNumber"), os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt([]byte("42"), 100); err != nil {
		t.Fatalf("partial overwrite: %v", err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(backing, "nextBuildNumber"))
	want := append(append(original[:100:100], "42"...), original[102:]...)
	if err != nil || string(got) != string(want) {
		t.Errorf("backing file after overwrite: %d bytes, %v; want the 8192 bytes with 42 at 100", len(got), err)
	}
}
