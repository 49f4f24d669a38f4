package volume

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jsbench/jsbench/bench/lifecycle/cleanup"
	"github.com/jsbench/jsbench/bench/storage/snapshot"
	"github.com/jsbench/jsbench/internal/testenv"
)

// homeArchive archives a two-file home into dir/home.tar.zst.
func homeArchive(t *testing.T) string {
	t.Helper()
	home := t.TempDir()
	for name, body := range map[string]string{"config.xml": "<hudson/>", "jobs/app/config.xml": "<project/>"} {
		path := filepath.Join(home, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	archive := filepath.Join(t.TempDir(), "home.tar.zst")
	if _, err := snapshot.CreateFile(archive, home); err != nil {
		t.Fatal(err)
	}
	return archive
}

func TestSnapshotPrepare(t *testing.T) {
	archive := homeArchive(t)
	tests := []struct {
		name   string
		target map[string]any // nil: the default
		params map[string]string
	}{
		{"default target is local", nil, map[string]string{"target.kind": "local"}},
		{"local target in a directory", map[string]any{"kind": "local", "dir": "DIR"}, map[string]string{"target.kind": "local", "target.dir": "DIR"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			work := t.TempDir()
			options := map[string]any{"source": archive}
			if tt.target != nil {
				tt.target["dir"] = work
				options["target"] = tt.target
			}
			v, problems := Configure("restored", "snapshot", options)
			if len(problems) > 0 {
				t.Fatal(problemList(problems))
			}
			for key, want := range tt.params {
				if got := v.Params()[key]; got != strings.ReplaceAll(want, "DIR", work) {
					t.Errorf("params[%q] = %q, want %q", key, got, want)
				}
			}
			checkRestored(t, v, Env{WorkDir: work, RunID: "r1", UID: 1000, GID: 1000})
		})
	}
}

func checkRestored(t *testing.T, v Volume, env Env) {
	t.Helper()
	var stack cleanup.Stack
	defer stack.Run(context.Background())
	prepared, err := v.Prepare(context.Background(), env, &stack)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(prepared.HostDir, "jobs/app/config.xml"))
	if err != nil || string(data) != "<project/>" {
		t.Errorf("restored jobs/app/config.xml = %q, %v", data, err)
	}
	f := prepared.Facts
	if prepared.RestoreMS <= 0 || f["snapshot_format"] != "tar.zst" || f["snapshot_files"] != "2" || f["snapshot_bytes"] != "19" ||
		f["snapshot_archive_bytes"] == "" || f["fstype"] == "" {
		t.Errorf("restore %v ms, facts %v; want a positive time, tar.zst, 2 files, 19 bytes and the target's facts", prepared.RestoreMS, f)
	}
}

func TestSnapshotOntoEmulated(t *testing.T) {
	testenv.RequireRoot(t)
	v, problems := Configure("restored", "snapshot", map[string]any{
		"source": homeArchive(t),
		"target": map[string]any{"kind": "emulated", "profile": "nfs-lan"},
	})
	if len(problems) > 0 {
		t.Fatal(problemList(problems))
	}
	if got := v.Params()["target.profile"]; got != "nfs-lan" {
		t.Errorf("params[target.profile] = %q, want nfs-lan", got)
	}
	checkRestored(t, v, Env{WorkDir: t.TempDir(), RunID: "r1", UID: 1000, GID: 1000})
}

// TestSnapshotNeedsHostDir restores onto an NFS export Docker would
// mount: there is no host directory to write to.
func TestSnapshotNeedsHostDir(t *testing.T) {
	v, problems := Configure("restored", "snapshot", map[string]any{
		"source": homeArchive(t),
		"target": map[string]any{"kind": "nfs", "server": "filer", "export": "/jenkins", "subdir_per_run": false},
	})
	if len(problems) > 0 {
		t.Fatal(problemList(problems))
	}
	_, err := v.Prepare(context.Background(), runEnv, &cleanup.Stack{})
	if err == nil || !strings.Contains(err.Error(), "use mount: host") {
		t.Errorf("got %v, want an error suggesting mount: host", err)
	}
}

func TestSnapshotProblems(t *testing.T) {
	tests := []struct {
		name    string
		options map[string]any
		want    []string
	}{
		{"no source", map[string]any{}, []string{"source (): required"}},
		{"unsupported source", map[string]any{"source": "gs://b/k"}, []string{`source (gs://b/k): parse snapshot source "gs://b/k": unsupported scheme`}},
		{"target not a mapping", map[string]any{"source": "h.tar", "target": "local"}, []string{"target (local): want a mapping"}},
		{"unknown target kind", map[string]any{"source": "h.tar", "target": map[string]any{"kind": "floppy"}},
			[]string{"target.kind (floppy): want a storage kind to restore onto: efs, emulated, local, nfs, path"}},
		{"snapshot of a snapshot", map[string]any{"source": "h.tar", "target": map[string]any{"kind": "snapshot"}},
			[]string{"target.kind (snapshot): want a storage kind"}},
		{"target's own problems", map[string]any{"source": "h.tar", "target": map[string]any{"kind": "nfs", "export": "x", "colour": "red"}},
			[]string{"target.server (): required", "target.export (x): want an absolute path", "target.colour (red): unknown option"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkProblems(t, "snapshot", tt.options, tt.want)
		})
	}
}
