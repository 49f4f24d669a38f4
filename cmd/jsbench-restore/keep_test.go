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

// TestKeepHomeRule runs the restore init container's rule on each kind
// of home it may find: restored when missing, empty (lost+found aside),
// left by an interrupted restore or by another node; kept when it
// survived on this node, or when no node is named (a network volume that
// every node shares).
func TestKeepHomeRule(t *testing.T) {
	archive := homeArchive(t)
	write := func(dir, name, content string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		name     string
		node     string
		setup    func(dir string)
		restored bool
	}{
		{"missing", "node-a", func(dir string) { os.Remove(dir) }, true},
		{"empty but lost+found", "node-a", func(dir string) { os.Mkdir(filepath.Join(dir, "lost+found"), 0o700) }, true},
		{"interrupted restore", "node-a", func(dir string) { write(dir, ".jsbench-restore-123/jobs/x", "half") }, true},
		{"left by another node", "node-b", func(dir string) { write(dir, "config.xml", "<old/>"); write(dir, nodeMarker, "node-a\n") }, true},
		{"survived on this node", "node-a", func(dir string) { write(dir, "config.xml", "<newer/>"); write(dir, nodeMarker, "node-a\n") }, false},
		{"on a shared volume", "", func(dir string) { write(dir, "config.xml", "<newer/>"); write(dir, nodeMarker, "node-a\n") }, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "home")
			if err := os.Mkdir(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			c.setup(dir)
			args := []string{"--keep-home", archive, dir}
			if c.node != "" {
				args = append([]string{"--node", c.node}, args...)
			}
			var stdout, stderr bytes.Buffer
			if code := run(context.Background(), args, &stdout, &stderr); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr.String())
			}
			line, _ := strings.CutPrefix(strings.TrimSpace(stdout.String()), snapshot.StatsLinePrefix)
			var stats snapshot.Stats
			if err := json.Unmarshal([]byte(line), &stats); err != nil {
				t.Fatalf("statistics line %q: %v", stdout.String(), err)
			}
			config, _ := os.ReadFile(filepath.Join(dir, "config.xml"))
			if c.restored {
				if stats.Kept != "" || string(config) != "<hudson/>" {
					t.Errorf("kept %q, config.xml %q: want the backup restored", stats.Kept, config)
				}
				if marker, _ := os.ReadFile(filepath.Join(dir, nodeMarker)); c.node != "" && strings.TrimSpace(string(marker)) != c.node {
					t.Errorf("node marker %q, want %s", marker, c.node)
				}
				return
			}
			if stats.Kept == "" || string(config) != "<newer/>" {
				t.Errorf("kept %q, config.xml %q: want the surviving home kept", stats.Kept, config)
			}
		})
	}
}
