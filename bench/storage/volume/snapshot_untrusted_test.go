package volume

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jsbench/jsbench/bench/lifecycle/cleanup"
	"github.com/jsbench/jsbench/bench/storage/snapshot"
)

// TestSnapshotVolumeRefusesACutBackup prepares a snapshot volume whose
// archive was cut short at an entry boundary (its end blocks missing):
// the run must fail to prepare, and the home must hold nothing of it.
func TestSnapshotVolumeRefusesACutBackup(t *testing.T) {
	whole, err := os.ReadFile(tarArchive(t))
	if err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(t.TempDir(), "cut.tar")
	if err := os.WriteFile(cut, whole[:len(whole)-1024], 0o644); err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	v, problems := Configure("restored", "snapshot", map[string]any{"source": cut, "target": map[string]any{"kind": "local", "dir": work}})
	if len(problems) > 0 {
		t.Fatal(problemList(problems))
	}
	var stack cleanup.Stack
	defer stack.Run(context.Background())
	_, err = v.Prepare(context.Background(), Env{WorkDir: work, RunID: "r1", UID: os.Geteuid(), GID: os.Getegid()}, &stack)
	if err == nil || !strings.Contains(err.Error(), "archive cut short") || !strings.Contains(err.Error(), "nothing was restored") {
		t.Fatalf("Prepare = %v; want the cut archive refused", err)
	}
	home := filepath.Join(work, "home-r1")
	if entries, err := os.ReadDir(home); err != nil || len(entries) != 0 {
		t.Errorf("home after the failed restore: %v, %v; want it empty", entries, err)
	}
}

func TestSnapshotRestoreOptions(t *testing.T) {
	v, problems := Configure("restored", "snapshot", map[string]any{"source": "/backups/home.tar", "max_bytes": "20Gi", "keep_privileges": true})
	if len(problems) > 0 {
		t.Fatal(problemList(problems))
	}
	if p := v.Params(); p["max_bytes"] != "21474836480" || p["keep_privileges"] != "true" {
		t.Errorf("params %v", p)
	}
	_, problems = Configure("restored", "snapshot", map[string]any{"source": "/backups/home.tar", "max_bytes": "lots", "keep_privileges": "yes"})
	got := problemList(problems)
	if !strings.Contains(got, "max_bytes") || !strings.Contains(got, "keep_privileges") {
		t.Errorf("problems %s; want max_bytes and keep_privileges named", got)
	}
}

// tarArchive archives a one-file home as a plain tar.
func tarArchive(t *testing.T) string {
	t.Helper()
	home := t.TempDir()
	if err := os.WriteFile(filepath.Join(home, "config.xml"), []byte("<hudson/>"), 0o644); err != nil {
		t.Fatal(err)
	}
	archive := filepath.Join(t.TempDir(), "home.tar")
	if _, err := snapshot.CreateFile(archive, home); err != nil {
		t.Fatal(err)
	}
	return archive
}
