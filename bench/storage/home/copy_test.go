package home

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestDirCopyKeepsModesTimesAndLinks(t *testing.T) {
	src := t.TempDir()
	old := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	files := []struct {
		name string
		mode os.FileMode
	}{
		{"config.xml", 0o644},
		{"bin/tool.sh", 0o755},
		{"secrets/master.key", 0o600},
	}
	for _, f := range files {
		path := filepath.Join(src, f.name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(f.name), f.mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(path, old, old); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("../config.xml", filepath.Join(src, "bin", "link")); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(src, "secrets"), 0o700); err != nil {
		t.Fatal(err)
	}

	dst := t.TempDir()
	stats, err := Populate(dst, Spec{Kind: KindDir, Dir: src})
	if err != nil {
		t.Fatal(err)
	}
	if stats.Files != 4 {
		t.Errorf("copied %d files, want 4 (3 files and a link)", stats.Files)
	}
	for _, f := range files {
		info, err := os.Stat(filepath.Join(dst, f.name))
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode().Perm() != f.mode || !info.ModTime().Equal(old) {
			t.Errorf("%s: mode %v time %v, want %v %v", f.name, info.Mode().Perm(), info.ModTime(), f.mode, old)
		}
	}
	if link, err := os.Readlink(filepath.Join(dst, "bin", "link")); err != nil || link != "../config.xml" {
		t.Errorf("link = %q, %v; want ../config.xml", link, err)
	}
	if info, err := os.Stat(filepath.Join(dst, "secrets")); err != nil || info.Mode().Perm() != 0o700 {
		t.Errorf("secrets dir mode = %v, %v; want 0700", info.Mode().Perm(), err)
	}
}
