package snapshot

import (
	"archive/tar"
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/klauspost/compress/gzip"

	"github.com/jsbench/jsbench/internal/testenv"
)

var (
	keepIDs = RestoreOptions{UID: -1, GID: -1}
	twoJobs = []entry{
		{name: "jobs/a/config.xml", kind: tar.TypeReg, body: "<project>a</project>"},
		{name: "jobs/b/config.xml", kind: tar.TypeReg, body: "<project>b</project>"},
	}
)

func gzipped(t *testing.T, data []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, err := zw.Write(data)
	must(t, err)
	must(t, zw.Close())
	return buf.Bytes()
}

// TestEmptyOrTruncatedBackupsFail restores the backups a failed backup
// job, a killed upload or an interrupted copy leaves: each must fail, and
// leave the target as it was, whether the restore was to create it or
// to fill it (an empty mount point).
func TestEmptyOrTruncatedBackupsFail(t *testing.T) {
	whole := tarOf(t, twoJobs...).Bytes()
	atBoundary := whole[:len(whole)-1024] // Go's writer ends with two zero blocks
	firstOnly := tarOf(t, twoJobs[0]).Bytes()
	tests := []struct {
		name    string
		archive []byte
		want    error
	}{
		{"0 bytes", nil, ErrEmptyArchive},
		{"no entries", make([]byte, 10240), ErrEmptyArchive},
		{"plain tar cut at an entry boundary", atBoundary, ErrTruncated},
		{"cut after the first entry", firstOnly[:len(firstOnly)-1024], ErrTruncated},
		{"gzip of a tar cut at an entry boundary", gzipped(t, atBoundary), ErrTruncated},
		{"cut inside an entry", whole[:600], nil},
		{"gzip cut short", gzipped(t, whole)[:40], nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, existing := range []bool{false, true} {
				parent := t.TempDir()
				dst := filepath.Join(parent, "home")
				if existing {
					must(t, os.Mkdir(dst, 0o755))
				}
				_, err := Restore(context.Background(), readerSource{bytes.NewReader(tt.archive)}, dst, keepIDs)
				if err == nil || (tt.want != nil && !errors.Is(err, tt.want)) || !strings.Contains(err.Error(), "nothing was restored") {
					t.Fatalf("existing target %v: err = %v, want %v and word that nothing was restored", existing, err, tt.want)
				}
				assertUntouched(t, parent, existing)
			}
		})
	}
	t.Run("a lone end block still ends the archive", func(t *testing.T) {
		dst := filepath.Join(t.TempDir(), "home")
		stats, err := Restore(context.Background(), readerSource{bytes.NewReader(whole[:len(whole)-512])}, dst, keepIDs)
		if err != nil || stats.Files != 2 {
			t.Errorf("restored %d files, %v", stats.Files, err)
		}
	})
}

// assertUntouched checks that a failed restore into parent/home left no
// trace: no home when it did not exist, an empty one when it did, and no
// stage beside it.
func assertUntouched(t *testing.T, parent string, existed bool) {
	t.Helper()
	entries, err := os.ReadDir(parent)
	must(t, err)
	if existed {
		inside, err := os.ReadDir(filepath.Join(parent, "home"))
		must(t, err)
		if len(entries) != 1 || len(inside) != 0 {
			t.Errorf("after the failure: %d entries beside, %d inside the target; want the empty target alone", len(entries), len(inside))
		}
		return
	}
	if len(entries) != 0 {
		t.Errorf("after the failure %s holds %v; want nothing", parent, entries)
	}
}

func TestRestoreRefusesANonEmptyTarget(t *testing.T) {
	dst := t.TempDir()
	writeFile(t, filepath.Join(dst, "config.xml"), 0o644, []byte("<mine/>"))
	_, err := Restore(context.Background(), readerSource{tarOf(t, twoJobs...)}, dst, keepIDs)
	if err == nil || !strings.Contains(err.Error(), "is not empty (1 entries)") {
		t.Fatalf("err = %v", err)
	}
	if data, _ := os.ReadFile(filepath.Join(dst, "config.xml")); string(data) != "<mine/>" {
		t.Errorf("the target's file changed: %q", data)
	}
}

// gnuSparse makes a real sparse file of the given size with a few bytes
// of data in the middle, and archives it with GNU tar (PAX format, -S):
// an archive of a few KB that declares size bytes.
func gnuSparse(t *testing.T, size int64) []byte {
	t.Helper()
	_, err := exec.LookPath("tar")
	testenv.Require(t, err == nil, "GNU tar")
	dir := t.TempDir()
	f, err := os.Create(filepath.Join(dir, "big"))
	must(t, err)
	_, err = f.WriteAt([]byte("sparse data"), size/2)
	must(t, err)
	must(t, f.Truncate(size))
	must(t, f.Close())
	out, err := exec.Command("tar", "-C", dir, "--format=pax", "-S", "-cf", "-", "big").Output()
	if err != nil {
		t.Fatalf("tar: %v", err)
	}
	return out
}

// TestSparseFilesStaySparse restores GNU tar's PAX archive of a 64 MiB
// sparse file (a few KB): the file must come back 64 MiB long with its
// data, but take no more than a few blocks on disk.
func TestSparseFilesStaySparse(t *testing.T) {
	const size = 64 << 20
	archive := gnuSparse(t, size)
	if len(archive) > 16<<10 {
		t.Fatalf("GNU tar's archive of a sparse file is %d bytes: not sparse, the test proves nothing", len(archive))
	}
	dst := filepath.Join(t.TempDir(), "home")
	stats, err := Restore(context.Background(), readerSource{bytes.NewReader(archive)}, dst, keepIDs)
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(filepath.Join(dst, "big"))
	must(t, err)
	disk := info.Sys().(*syscall.Stat_t).Blocks * 512
	if info.Size() != size || disk > 64<<10 || stats.SparseFiles != 1 {
		t.Errorf("restored %d bytes taking %d on disk, %d sparse files; want %d bytes in a few blocks", info.Size(), disk, stats.SparseFiles, size)
	}
	data := make([]byte, 11)
	f, err := os.Open(filepath.Join(dst, "big"))
	must(t, err)
	defer f.Close()
	if _, err := f.ReadAt(data, size/2); err != nil || string(data) != "sparse data" {
		t.Errorf("data in the middle: %q, %v", data, err)
	}
}

// TestExpansionIsBounded restores archives that declare more than they
// may write: a sparse file of 100 GB in a few hundred bytes (the default
// limit, from the archive's size), and a plain file above an explicit
// limit. Each is refused before anything is written.
func TestExpansionIsBounded(t *testing.T) {
	t.Run("100 GB declared", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "home.tar.gz")
		writeFile(t, file, 0o644, gzipped(t, gnuSparse(t, 100<<30)))
		src, err := ParseSource(file)
		must(t, err)
		parent := t.TempDir()
		_, err = Restore(context.Background(), src, filepath.Join(parent, "home"), keepIDs)
		if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), `"big" (declared 100.0 GiB)`) || !strings.Contains(err.Error(), "100× the archive's") {
			t.Fatalf("err = %v", err)
		}
		assertUntouched(t, parent, false)
	})
	t.Run("explicit limit", func(t *testing.T) {
		archive := tarOf(t, entry{name: "a", kind: tar.TypeReg, body: strings.Repeat("x", 8000)}, entry{name: "b", kind: tar.TypeReg, body: strings.Repeat("y", 8000)})
		parent := t.TempDir()
		opts := keepIDs
		opts.MaxBytes = 10 << 10
		_, err := Restore(context.Background(), readerSource{archive}, filepath.Join(parent, "home"), opts)
		if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), `"b" (declared 7.8 KiB)`) || !strings.Contains(err.Error(), "set by --max-bytes") {
			t.Fatalf("err = %v", err)
		}
		assertUntouched(t, parent, false)
	})
}

// TestRestoreOntoASmallFileSystem restores a 16 MiB file onto a real
// 4 MiB tmpfs: the limit comes from the free space there, and the file is
// refused before it is written.
func TestRestoreOntoASmallFileSystem(t *testing.T) {
	testenv.RequireRoot(t)
	mnt := t.TempDir()
	must(t, syscall.Mount("jsbench-test", mnt, "tmpfs", 0, "size=4m"))
	t.Cleanup(func() { syscall.Unmount(mnt, syscall.MNT_DETACH) })
	var archive bytes.Buffer
	zw := gzip.NewWriter(&archive)
	tw := tar.NewWriter(zw)
	must(t, tw.WriteHeader(&tar.Header{Name: "jobs/big/log", Mode: 0o644, Size: 16 << 20, Typeflag: tar.TypeReg}))
	_, err := tw.Write(make([]byte, 16<<20))
	must(t, err)
	must(t, tw.Close())
	must(t, zw.Close())
	_, err = Restore(context.Background(), readerSource{&archive}, filepath.Join(mnt, "home"), keepIDs)
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "free on the target less a") {
		t.Fatalf("err = %v", err)
	}
	assertUntouched(t, mnt, false)
}

// TestPrivilegesAreDropped restores an archive that gives files to root
// with setuid and setgid bits: by default the bits go and the files go to
// the target's owner; KeepPrivileges keeps both.
func TestPrivilegesAreDropped(t *testing.T) {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, h := range []*tar.Header{
		{Name: "tools/", Typeflag: tar.TypeDir, Mode: 0o2755},
		{Name: "tools/su", Typeflag: tar.TypeReg, Mode: 0o4755, Size: 2},
	} {
		must(t, tw.WriteHeader(h))
		if h.Size > 0 {
			_, err := tw.Write([]byte("#!"))
			must(t, err)
		}
	}
	must(t, tw.Close())
	for _, keep := range []bool{false, true} {
		parent := t.TempDir()
		if os.Geteuid() == 0 {
			must(t, os.Chown(parent, 1234, 5678))
		}
		dst := filepath.Join(parent, "home")
		opts := keepIDs
		opts.KeepPrivileges = keep
		stats, err := Restore(context.Background(), readerSource{bytes.NewReader(buf.Bytes())}, dst, opts)
		if err != nil {
			t.Fatal(err)
		}
		su, err := os.Stat(filepath.Join(dst, "tools", "su"))
		must(t, err)
		tools, err := os.Stat(filepath.Join(dst, "tools"))
		must(t, err)
		privileged := su.Mode()&fs.ModeSetuid != 0 && tools.Mode()&fs.ModeSetgid != 0
		if privileged != keep || (!keep && stats.DroppedPrivileges == 0) {
			t.Errorf("keep %v: su %v, tools %v, %d dropped", keep, su.Mode(), tools.Mode(), stats.DroppedPrivileges)
		}
		if os.Geteuid() == 0 {
			owner := su.Sys().(*syscall.Stat_t)
			wantUID := map[bool]uint32{false: 1234, true: 0}[keep]
			if owner.Uid != wantUID {
				t.Errorf("keep %v: su owned by %d, want %d", keep, owner.Uid, wantUID)
			}
		}
	}
}

// TestCreateAndRestoreStopWhenCancelled archives and restores with a
// cancelled context: both stop, and leave neither an archive nor a home.
func TestCreateAndRestoreStopWhenCancelled(t *testing.T) {
	home := sampleHome(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	dir := t.TempDir()
	if _, err := CreateFileContext(ctx, filepath.Join(dir, "home.tar"), home); !errors.Is(err, context.Canceled) {
		t.Errorf("create: err = %v", err)
	}
	archive := tarOf(t, twoJobs...)
	if _, err := Restore(ctx, readerSource{archive}, filepath.Join(dir, "home"), keepIDs); !errors.Is(err, context.Canceled) {
		t.Errorf("restore: err = %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
}
