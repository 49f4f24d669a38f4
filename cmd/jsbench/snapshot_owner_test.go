package main

import (
	"archive/tar"
	"bytes"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/jsbench/jsbench/internal/testenv"
)

// TestRestoreGivesImpliedDirectoriesToTheOwner restores, with the real
// jsbench and --uid 1000 --gid 1000, a backup that lists files but not
// their directories (as backups made by other tools often do): the
// directories it implies and the target it creates must belong to
// 1000:1000, or Jenkins (uid 1000) cannot write there. An archive that
// lists the top directory gives the target its mode.
func TestRestoreGivesImpliedDirectoriesToTheOwner(t *testing.T) {
	testenv.RequireRoot(t)
	jsbench := testenv.Build(t, "./cmd/jsbench")
	dir := t.TempDir()
	for name, entries := range map[string][]*tar.Header{
		"files-only.tar": {{Name: "jobs/a/config.xml", Typeflag: tar.TypeReg, Mode: 0o644, Size: 3}, {Name: "config.xml", Typeflag: tar.TypeReg, Mode: 0o644, Size: 3}},
		"with-top.tar":   {{Name: "./", Typeflag: tar.TypeDir, Mode: 0o750}, {Name: "./jobs/a/builds/1/log", Typeflag: tar.TypeReg, Mode: 0o644, Size: 3}},
	} {
		t.Run(name, func(t *testing.T) {
			archive := filepath.Join(dir, name)
			writeFile(t, archive, tarOf(t, entries))
			target := filepath.Join(t.TempDir(), "home")
			runBinary(t, jsbench, 0, "snapshot", "restore", "--uid", "1000", "--gid", "1000", archive, target)
			err := filepath.Walk(target, func(path string, info os.FileInfo, err error) error {
				if err != nil {
					return err
				}
				if st := info.Sys().(*syscall.Stat_t); st.Uid != 1000 || st.Gid != 1000 {
					t.Errorf("%s is %d:%d %v, want 1000:1000", path, st.Uid, st.Gid, info.Mode())
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if info, err := os.Stat(target); err != nil || (name == "with-top.tar" && info.Mode().Perm() != 0o750) {
				t.Errorf("target %v (%v), want the archive's 0750 when it lists ./", info.Mode(), err)
			}
		})
	}
}

func tarOf(t *testing.T, entries []*tar.Header) string {
	t.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, h := range entries {
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if h.Size > 0 {
			tw.Write(bytes.Repeat([]byte("x"), int(h.Size)))
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}
