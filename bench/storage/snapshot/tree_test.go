package snapshot

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// sampleHome builds a small JENKINS_HOME with what a restore must keep:
// modes (a read-only directory, an executable, a private file), exact
// modification times, relative, absolute and dangling symlinks, an empty
// file, nested directories and, when running as root, foreign owners.
func sampleHome(t testing.TB) string {
	t.Helper()
	home := writableTempDir(t)
	files := []struct {
		name string
		mode fs.FileMode
		size int
	}{
		{"config.xml", 0o644, 3000},
		{"secret.key", 0o600, 256},
		{"empty", 0o644, 0},
		{"jobs/app/config.xml", 0o644, 9000},
		{"jobs/app/nextBuildNumber", 0o644, 3},
		{"jobs/app/builds/12/log", 0o640, 300 << 10},
		{"plugins/git.jpi", 0o644, 70 << 10},
		{"tools/run.sh", 0o755, 100},
		{"frozen/readme", 0o444, 10},
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, f := range files {
		writeFile(t, filepath.Join(home, f.name), f.mode, randomBytes(rng, f.size))
	}
	mustSymlink(t, "builds/12", filepath.Join(home, "jobs/app/lastSuccessful"))
	mustSymlink(t, "/nonexistent/outside", filepath.Join(home, "jobs/app/absolute"))
	mustSymlink(t, "missing", filepath.Join(home, "dangling"))
	if os.Geteuid() == 0 {
		must(t, os.Lchown(filepath.Join(home, "secret.key"), 1234, 5678))
		must(t, os.Lchown(filepath.Join(home, "dangling"), 1234, 5678))
	}
	must(t, os.Chmod(filepath.Join(home, "frozen"), 0o555))
	stampTimes(t, home)
	return home
}

// stampTimes gives every entry a distinct time with nanoseconds,
// directories last so that their times stick.
func stampTimes(t testing.TB, home string) {
	t.Helper()
	base := time.Date(2024, 5, 6, 7, 8, 9, 123456789, time.UTC)
	var paths []string
	must(t, filepath.WalkDir(home, func(p string, d fs.DirEntry, err error) error {
		paths = append(paths, p)
		return err
	}))
	for i := len(paths) - 1; i >= 0; i-- {
		ts := unix.NsecToTimespec(base.Add(time.Duration(i) * 1001 * time.Millisecond).UnixNano())
		must(t, unix.UtimesNanoAt(unix.AT_FDCWD, paths[i], []unix.Timespec{ts, ts}, unix.AT_SYMLINK_NOFOLLOW))
	}
}

// describeTree lists every entry below dir with its type, mode, times,
// owner, link target and content digest, one line each, so that two
// trees compare as strings.
func describeTree(t testing.TB, dir string, withOwner bool) string {
	t.Helper()
	var b strings.Builder
	must(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		st := info.Sys().(*syscall.Stat_t)
		fmt.Fprintf(&b, "%s %v mtime=%d", rel, info.Mode(), info.ModTime().UnixNano())
		if withOwner {
			fmt.Fprintf(&b, " owner=%d:%d", st.Uid, st.Gid)
		}
		switch {
		case info.Mode()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			fmt.Fprintf(&b, " -> %s", target)
		case info.Mode().IsRegular():
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			fmt.Fprintf(&b, " size=%d sha256=%x", len(data), sha256.Sum256(data))
		}
		b.WriteString("\n")
		return nil
	}))
	return b.String()
}

// writableTempDir is a temporary directory whose subdirectories are made
// writable again before it is removed: the sample home holds a read-only
// one, which would stop the removal without root.
func writableTempDir(t testing.TB) string {
	dir := t.TempDir()
	t.Cleanup(func() {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				os.Chmod(p, 0o755)
			}
			return nil
		})
	})
	return dir
}

func writeFile(t testing.TB, path string, mode fs.FileMode, data []byte) {
	t.Helper()
	must(t, os.MkdirAll(filepath.Dir(path), 0o755))
	must(t, os.WriteFile(path, data, mode))
	must(t, os.Chmod(path, mode))
}

func mustSymlink(t testing.TB, target, path string) {
	t.Helper()
	must(t, os.Symlink(target, path))
}

func randomBytes(rng *rand.Rand, n int) []byte {
	data := make([]byte, n)
	for i := range data {
		// Text-like bytes, so that compression has something to do.
		data[i] = "<config>abcdefgh \n"[rng.IntN(18)]
	}
	return data
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
