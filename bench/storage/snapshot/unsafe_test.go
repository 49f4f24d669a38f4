package snapshot

import (
	"archive/tar"
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// entry is one member of a hand-built archive.
type entry struct {
	name, link string
	kind       byte
	body       string
}

func tarOf(t testing.TB, entries ...entry) *bytes.Buffer {
	t.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, e := range entries {
		hdr := &tar.Header{Name: e.name, Linkname: e.link, Typeflag: e.kind, Mode: 0o644, Size: int64(len(e.body))}
		if e.kind != tar.TypeReg {
			hdr.Size = 0
		}
		must(t, tw.WriteHeader(hdr))
		if _, err := tw.Write([]byte(e.body)); err != nil {
			t.Fatal(err)
		}
	}
	must(t, tw.Close())
	return &buf
}

func TestRestoreRefusesEscapes(t *testing.T) {
	tests := []struct {
		name    string
		entries []entry
		// sentinel is the error wanted, or nil for "any error".
		sentinel error
	}{
		{"dot-dot", []entry{{name: "../evil", kind: tar.TypeReg, body: "x"}}, ErrUnsafePath},
		{"dot-dot inside", []entry{{name: "jobs/../../evil", kind: tar.TypeReg, body: "x"}}, ErrUnsafePath},
		{"absolute", []entry{{name: "/tmp/evil", kind: tar.TypeReg, body: "x"}}, ErrUnsafePath},
		{"hard link out", []entry{{name: "h", link: "../outside/victim", kind: tar.TypeLink}}, ErrUnsafePath},
		{"write through absolute symlink", []entry{
			{name: "link", link: "OUTSIDE", kind: tar.TypeSymlink},
			{name: "link/evil", kind: tar.TypeReg, body: "x"},
		}, nil},
		{"write through relative symlink", []entry{
			{name: "link", link: "../outside", kind: tar.TypeSymlink},
			{name: "link/evil", kind: tar.TypeReg, body: "x"},
		}, nil},
		{"directory replaced by symlink", []entry{
			{name: "a/", kind: tar.TypeDir},
			{name: "a", link: "../outside", kind: tar.TypeSymlink},
			{name: "a/evil", kind: tar.TypeReg, body: "x"},
		}, nil},
		{"directory through symlink", []entry{
			{name: "link", link: "../outside", kind: tar.TypeSymlink},
			{name: "link/sub/", kind: tar.TypeDir},
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dst, outside := sandbox(t)
			for i := range tt.entries {
				if tt.entries[i].link == "OUTSIDE" {
					tt.entries[i].link = outside
				}
			}
			_, err := Restore(context.Background(), readerSource{tarOf(t, tt.entries...)}, dst, RestoreOptions{UID: -1, GID: -1})
			if err == nil || (tt.sentinel != nil && !errors.Is(err, tt.sentinel)) {
				t.Fatalf("got error %v, want %v", err, tt.sentinel)
			}
			checkUntouched(t, outside)
		})
	}
}

// TestRestoreReplacesSymlinkWithFile checks that a file entry replaces a
// symlink of the same name instead of writing through it.
func TestRestoreReplacesSymlinkWithFile(t *testing.T) {
	dst, outside := sandbox(t)
	archive := tarOf(t,
		entry{name: "config.xml", link: filepath.Join(outside, "victim"), kind: tar.TypeSymlink},
		entry{name: "config.xml", kind: tar.TypeReg, body: "<hudson/>"},
	)
	if _, err := Restore(context.Background(), readerSource{archive}, dst, RestoreOptions{UID: -1, GID: -1}); err != nil {
		t.Fatal(err)
	}
	checkUntouched(t, outside)
	info, err := os.Lstat(filepath.Join(dst, "config.xml"))
	if err != nil || !info.Mode().IsRegular() {
		t.Fatalf("config.xml: %v, %v; want a regular file", info, err)
	}
}

// sandbox returns a destination and a sibling directory holding one
// file, victim, that no archive may change.
func sandbox(t testing.TB) (dst, outside string) {
	parent := t.TempDir()
	dst, outside = filepath.Join(parent, "dst"), filepath.Join(parent, "outside")
	must(t, os.Mkdir(dst, 0o755))
	must(t, os.Mkdir(outside, 0o755))
	must(t, os.WriteFile(filepath.Join(outside, "victim"), []byte("unchanged"), 0o644))
	return dst, outside
}

func checkUntouched(t testing.TB, outside string) {
	t.Helper()
	entries, err := os.ReadDir(outside)
	must(t, err)
	data, _ := os.ReadFile(filepath.Join(outside, "victim"))
	if len(entries) != 1 || string(data) != "unchanged" {
		t.Errorf("outside directory changed: %d entries, victim %q", len(entries), data)
	}
}

// FuzzRestore feeds arbitrary bytes to Restore: whatever it makes of
// them, it must not panic nor touch anything outside the destination.
func FuzzRestore(f *testing.F) {
	f.Add(tarOf(f, entry{name: "jobs/app/config.xml", kind: tar.TypeReg, body: "<project/>"}).Bytes())
	f.Add(tarOf(f, entry{name: "link", link: "../outside", kind: tar.TypeSymlink}, entry{name: "link/victim", kind: tar.TypeReg, body: "x"}).Bytes())
	f.Add(tarOf(f, entry{name: "a/", kind: tar.TypeDir}, entry{name: "h", link: "a/../../outside/victim", kind: tar.TypeLink}).Bytes())
	f.Fuzz(func(t *testing.T, archive []byte) {
		dst, outside := sandbox(t)
		Restore(context.Background(), readerSource{bytes.NewReader(archive)}, dst, RestoreOptions{UID: -1, GID: -1})
		checkUntouched(t, outside)
	})
}
