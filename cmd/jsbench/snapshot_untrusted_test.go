package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jsbench/jsbench/internal/testenv"
)

// TestSnapshotRestoreRefusesUntrustedBackups gives the real jsbench the
// backups a recovery must not take for good: an empty file, a tar cut at
// an entry boundary, and one larger than --max-bytes. Each must exit 2,
// say that nothing was restored, and leave no directory behind.
func TestSnapshotRestoreRefusesUntrustedBackups(t *testing.T) {
	jsbench := testenv.Build(t, "./cmd/jsbench")
	dir := t.TempDir()
	home := filepath.Join(dir, "home")
	if err := os.MkdirAll(filepath.Join(home, "jobs", "app"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(home, "jobs", "app", "config.xml"), strings.Repeat("<project/>\n", 1000))
	writeFile(t, filepath.Join(home, "config.xml"), "<hudson/>")
	whole := filepath.Join(dir, "home.tar")
	runBinary(t, jsbench, 0, "snapshot", "create", home, whole)
	data, err := os.ReadFile(whole)
	if err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(dir, "cut.tar")
	writeFile(t, cut, string(data[:len(data)-1024]))
	empty := filepath.Join(dir, "empty.tar.zst")
	writeFile(t, empty, "")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"empty", []string{empty}, "empty archive (0 bytes)"},
		{"cut at an entry boundary", []string{cut}, "archive cut short: it stops after 4 entries"},
		{"above --max-bytes", []string{"--max-bytes", "16Ki", whole}, `"jobs/app/config.xml" (declared 10.7 KiB) would take the restore past its limit of 16.0 KiB`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			target := filepath.Join(t.TempDir(), "restored")
			args := append([]string{"snapshot", "restore"}, tt.args...)
			stderr := runBinary(t, jsbench, exitUnusable, append(args, target)...)
			if !strings.Contains(stderr, tt.want) || !strings.Contains(stderr, "nothing was restored: the partial restore was removed") {
				t.Errorf("stderr %q; want %q and word that nothing was restored", stderr, tt.want)
			}
			if entries, _ := os.ReadDir(filepath.Dir(target)); len(entries) != 0 {
				t.Errorf("left behind: %v", entries)
			}
		})
	}
	target := filepath.Join(t.TempDir(), "restored")
	if out := runBinary(t, jsbench, 0, "snapshot", "restore", whole, target); !strings.Contains(out, "restored 2 files") {
		t.Errorf("the whole archive: %q", out)
	}
}
