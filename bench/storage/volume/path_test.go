package volume

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jsbench/jsbench/bench/lifecycle/cleanup"
)

func TestPathPrepare(t *testing.T) {
	dir := t.TempDir()
	facts := mountFacts(dir)
	v, problems := Configure("filer", "path", map[string]any{"dir": dir, "fstype": facts["fstype"] + ",nfs4"})
	if len(problems) > 0 {
		t.Fatal(problemList(problems))
	}
	var stack cleanup.Stack
	prepared, err := v.Prepare(context.Background(), runEnv, &stack)
	if err != nil {
		t.Fatal(err)
	}
	if prepared.HostDir != filepath.Join(dir, "home-r7") {
		t.Errorf("home = %q, want a fresh directory in %q", prepared.HostDir, dir)
	}
	if prepared.Facts["fstype"] != facts["fstype"] || prepared.Facts["mountpoint"] == "" || prepared.Facts["options"] == "" ||
		prepared.Facts["network"] != "false" {
		t.Errorf("facts = %v; want those of %q's mount, not a network file system", prepared.Facts, dir)
	}
	if err := stack.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(prepared.HostDir); !os.IsNotExist(err) {
		t.Errorf("home still there after release: %v", err)
	}
}

func TestPathPrepareRefuses(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		options map[string]any
		want    string
	}{
		{"missing directory", map[string]any{"dir": filepath.Join(dir, "not-mounted")}, "mount the storage there first"},
		{"a file", map[string]any{"dir": file}, "is not a directory"},
		{"wrong file system", map[string]any{"dir": dir, "fstype": "nfs4,nfs"}, "want nfs4 or nfs: is the storage mounted?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, problems := Configure("filer", "path", tt.options)
			if len(problems) > 0 {
				t.Fatal(problemList(problems))
			}
			_, err := v.Prepare(context.Background(), runEnv, &cleanup.Stack{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestPathProblems(t *testing.T) {
	checkProblems(t, "path", map[string]any{}, []string{"dir (): required"})
	checkProblems(t, "path", map[string]any{"dir": 3}, []string{"dir (3): want a string"})
}

func TestNetworkFS(t *testing.T) {
	for fstype, want := range map[string]bool{"nfs4": true, "cifs": true, "fuse.sshfs": true, "ext4": false, "tmpfs": false, "overlay": false, "fuse.jsbench": false} {
		if got := networkFS(fstype); got != want {
			t.Errorf("networkFS(%q) = %v, want %v", fstype, got, want)
		}
	}
}
