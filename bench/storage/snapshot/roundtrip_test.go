package snapshot

import (
	"bytes"
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jsbench/jsbench/internal/testenv"
)

func TestRoundTrip(t *testing.T) {
	home := sampleHome(t)
	want := describeTree(t, home, true)
	for _, name := range []string{"home.tar", "home.tar.gz", "home.tgz", "home.tar.zst", "home.tzst"} {
		t.Run(name, func(t *testing.T) {
			archive := filepath.Join(t.TempDir(), name)
			created, err := CreateFile(archive, home)
			if err != nil {
				t.Fatal(err)
			}
			src, err := ParseSource(archive)
			if err != nil {
				t.Fatal(err)
			}
			dst := writableTempDir(t)
			restored, err := Restore(context.Background(), src, dst, RestoreOptions{UID: -1, GID: -1, KeepPrivileges: true})
			if err != nil {
				t.Fatal(err)
			}
			if got := describeTree(t, dst, true); got != want {
				t.Errorf("restored tree differs\n got:\n%s\nwant:\n%s", got, want)
			}
			checkStats(t, created, restored)
		})
	}
}

func checkStats(t *testing.T, created, restored Stats) {
	t.Helper()
	if restored.Format != created.Format || restored.Files != created.Files || restored.Dirs != created.Dirs ||
		restored.Symlinks != created.Symlinks || restored.Bytes != created.Bytes || restored.ArchiveBytes != created.ArchiveBytes {
		t.Errorf("restore stats %+v do not match create stats %+v", restored, created)
	}
	if created.Files != 9 || created.Symlinks != 3 || created.Dirs != 7 {
		t.Errorf("created %d files, %d symlinks, %d dirs; want 9, 3, 7", created.Files, created.Symlinks, created.Dirs)
	}
	if restored.TotalMS <= 0 || restored.FetchMS < 0 || restored.ExtractMS < 0 {
		t.Errorf("restore timings %+v: want positive total, non-negative phases", restored)
	}
}

func TestCreateIsDeterministic(t *testing.T) {
	home := sampleHome(t)
	for _, format := range []Format{FormatTar, FormatTarGzip, FormatTarZstd} {
		var first, second bytes.Buffer
		if _, err := Create(&first, home, format); err != nil {
			t.Fatal(err)
		}
		if _, err := Create(&second, home, format); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first.Bytes(), second.Bytes()) {
			t.Errorf("%s: two archives of the same tree differ", format)
		}
	}
}

func TestRestoreGivesFilesToOwner(t *testing.T) {
	if os.Geteuid() != 0 {
		skipOrFail(t, "changing owners needs root")
	}
	home := sampleHome(t)
	var archive bytes.Buffer
	if _, err := Create(&archive, home, FormatTarZstd); err != nil {
		t.Fatal(err)
	}
	dst := writableTempDir(t)
	if _, err := Restore(context.Background(), readerSource{&archive}, dst, RestoreOptions{UID: 1000, GID: 1000}); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(describeTree(t, dst, true)), "\n") {
		if !strings.Contains(line, " owner=1000:1000") {
			t.Errorf("not owned by 1000:1000: %s", line)
		}
	}
}

func TestCreateSkipsSocketWithWarning(t *testing.T) {
	home := t.TempDir()
	l, err := net.Listen("unix", filepath.Join(home, "agent.sock"))
	if err != nil {
		t.Skipf("cannot create a unix socket: %v", err)
	}
	defer l.Close()
	writeFile(t, filepath.Join(home, "config.xml"), 0o644, []byte("<hudson/>"))
	stats, err := Create(&bytes.Buffer{}, home, FormatTar)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Files != 1 || len(stats.Warnings) != 1 || !strings.Contains(stats.Warnings[0], "agent.sock: skipped socket") {
		t.Errorf("got %d files, warnings %q; want 1 file and a warning about agent.sock", stats.Files, stats.Warnings)
	}
}

func skipOrFail(t *testing.T, reason string) {
	t.Helper()
	testenv.Require(t, false, reason)
}

func TestCreateFollowsSymlinkedHome(t *testing.T) {
	home := sampleHome(t)
	link := filepath.Join(t.TempDir(), "jenkins_home")
	must(t, os.Symlink(home, link))
	stats, err := Create(&bytes.Buffer{}, link, FormatTar)
	if err != nil || stats.Files != 9 {
		t.Errorf("archived %d files, %v; want the 9 files below the link", stats.Files, err)
	}
}

func TestCreateFileRefusesArchiveInsideHome(t *testing.T) {
	home := sampleHome(t)
	_, err := CreateFile(filepath.Join(home, "jobs", "backup.tar.zst"), home)
	if err == nil || !strings.Contains(err.Error(), "inside the home") {
		t.Errorf("got %v, want a refusal", err)
	}
}
