package snapshot

import (
	"archive/tar"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestImpliedDirectoriesTakeTheEntrysOwner restores, keeping the archived
// owners, a file whose directories the archive does not list: they get
// the file's owner, and the target the restore creates its parent's.
func TestImpliedDirectoriesTakeTheEntrysOwner(t *testing.T) {
	if os.Geteuid() != 0 {
		skipOrFail(t, "changing owners needs root")
	}
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	must(t, tw.WriteHeader(&tar.Header{Name: "jobs/a/config.xml", Typeflag: tar.TypeReg, Mode: 0o644, Size: 1, Uid: 1234, Gid: 5678}))
	_, err := tw.Write([]byte("x"))
	must(t, err)
	must(t, tw.Close())
	parent := t.TempDir()
	must(t, os.Chown(parent, 4321, 8765))
	dst := filepath.Join(parent, "home")
	if _, err := Restore(context.Background(), readerSource{&buf}, dst, keepIDs); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string][2]uint32{
		dst: {4321, 8765}, filepath.Join(dst, "jobs"): {1234, 5678}, filepath.Join(dst, "jobs", "a"): {1234, 5678},
	} {
		info, err := os.Stat(path)
		must(t, err)
		if st := info.Sys().(*syscall.Stat_t); st.Uid != want[0] || st.Gid != want[1] {
			t.Errorf("%s is %d:%d, want %d:%d", path, st.Uid, st.Gid, want[0], want[1])
		}
	}
}
