package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jsbench/jsbench/bench/storage/snapshot"
)

// TestRestoreCleansAndReports restores an archive over a directory that
// holds an older home: what was there is gone, the archive's files are
// there, and the statistics line jsbench reads is printed.
func TestRestoreCleansAndReports(t *testing.T) {
	archive := homeArchive(t)
	dst := t.TempDir()
	if err := os.WriteFile(filepath.Join(dst, "stale.xml"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"--clean", archive, dst}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if _, err := os.Stat(filepath.Join(dst, "stale.xml")); err == nil {
		t.Error("--clean left the old home's file")
	}
	if _, err := os.Stat(filepath.Join(dst, "config.xml")); err != nil {
		t.Errorf("restored file missing: %v", err)
	}
	line, ok := strings.CutPrefix(strings.TrimSpace(stdout.String()), snapshot.StatsLinePrefix)
	var stats snapshot.Stats
	if !ok || json.Unmarshal([]byte(line), &stats) != nil || stats.Files != 1 || stats.Format != "tar.gz" {
		t.Errorf("statistics line %q", stdout.String())
	}
}

func TestRestoreFailures(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"only-one-arg"}, &stdout, &stderr); code != 2 {
		t.Errorf("usage error: exit %d, want 2", code)
	}
	stderr.Reset()
	if code := run(context.Background(), []string{"/nonexistent/home.tar.zst", t.TempDir()}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "nonexistent") {
		t.Errorf("missing source: exit %d, %q", code, stderr.String())
	}
}

// homeArchive archives a home holding one config.xml, as a backup would.
func homeArchive(t *testing.T) string {
	t.Helper()
	src := t.TempDir()
	if err := os.WriteFile(filepath.Join(src, "config.xml"), []byte("<hudson/>"), 0o644); err != nil {
		t.Fatal(err)
	}
	archive := filepath.Join(t.TempDir(), "home.tar.gz")
	if _, err := snapshot.CreateFile(archive, src); err != nil {
		t.Fatal(err)
	}
	return archive
}
