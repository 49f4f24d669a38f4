package volume

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jsbench/jsbench/bench/lifecycle/cleanup"
	"github.com/jsbench/jsbench/bench/storage/emufs"
	"github.com/jsbench/jsbench/internal/testenv"
)

func TestEmulatedConfigure(t *testing.T) {
	tests := []struct {
		name     string
		options  map[string]any
		problems []string
		check    func(t *testing.T, p emufs.Profile)
	}{
		{
			name:    "shipped profile",
			options: map[string]any{"profile": "nfs-lan"},
			check: func(t *testing.T, p emufs.Profile) {
				if p.Name != "nfs-lan" || p.Metadata.Median.D() != 410*time.Microsecond {
					t.Errorf("profile = %+v, want nfs-lan", p)
				}
			},
		},
		{
			name: "custom profile on a base",
			options: map[string]any{"profile": map[string]any{
				"base":          "nfs-lan",
				"metadata":      map[string]any{"median": "2ms", "sigma": 0.5},
				"iops":          map[string]any{"baseline_per_s": 100},
				"cache":         map[string]any{"attr": "60s"},
				"lazy":          map[string]any{"chunk_bytes": 524288, "fetch": map[string]any{"median": "30ms"}},
				"writes":        "buffered",
				"namespace":     map[string]any{"sigma": 0},
				"readdir_batch": 64,
			}},
			check: func(t *testing.T, p emufs.Profile) {
				if p.Name != "slow" || p.Metadata != (emufs.Latency{Median: emufs.Duration(2 * time.Millisecond), Sigma: 0.5}) ||
					p.Open.Median.D() != 410*time.Microsecond || p.IOPS.BaselinePerS != 100 ||
					p.Cache.Attr.D() != time.Minute || p.Lazy.Fetch.Median.D() != 30*time.Millisecond ||
					p.Writes != emufs.WriteBuffered || p.Namespace.Sigma != 0 || p.ReaddirBatch != 64 {
					t.Errorf("profile = %+v", p)
				}
			},
		},
		{name: "missing profile", options: map[string]any{}, problems: []string{"profile: want a profile"}},
		{name: "unknown name", options: map[string]any{"profile": "nfs-wan"}, problems: []string{"profile: unknown profile"}},
		{
			name: "every problem of a custom profile",
			options: map[string]any{"profile": map[string]any{
				"base":     "nfs-wan",
				"metadata": map[string]any{"median": "fast", "sigma": "wide"},
				"iops":     map[string]any{"baseline_per_s": 100, "burst_per_s": 10},
				"writes":   "later",
				"colour":   "blue",
			}},
			problems: []string{
				"profile.base: unknown profile",
				"profile.metadata.median: want a duration",
				"profile.metadata.sigma: want a number",
				"profile.iops.burst_per_s: 10 is below the baseline 100",
				`profile.writes: "later" is neither`,
				"profile.colour: unknown option",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, problems := Configure("slow", "emulated", tt.options)
			text := problemText(problems)
			for _, want := range tt.problems {
				if !strings.Contains(text, want) {
					t.Errorf("problems:\n%s\nwant one containing %q", text, want)
				}
			}
			if len(tt.problems) == 0 && len(problems) > 0 {
				t.Fatalf("unexpected problems:\n%s", text)
			}
			if tt.check != nil && v != nil {
				tt.check(t, v.(*emulatedVolume).profile)
			}
		})
	}
}

func problemText(problems []Problem) string {
	var b strings.Builder
	for _, p := range problems {
		b.WriteString(p.Field + ": " + p.Message + "\n")
	}
	return b.String()
}

func TestEmulatedPrepareAndRelease(t *testing.T) {
	testenv.RequireRoot(t)
	v, problems := Configure("nfs", "emulated", map[string]any{"profile": "nfs-lan"})
	if len(problems) > 0 {
		t.Fatal(problemText(problems))
	}
	work := t.TempDir()
	var stack cleanup.Stack
	prepared, err := v.Prepare(context.Background(), Env{WorkDir: work, RunID: "r1", UID: 1000, GID: 1000}, &stack)
	if err != nil {
		t.Fatal(err)
	}
	if prepared.Facts["fstype"] != "fuse."+emufs.FsName || prepared.Facts["profile"] != "nfs-lan" {
		t.Errorf("facts = %v", prepared.Facts)
	}
	if err := os.WriteFile(filepath.Join(prepared.HostDir, "config.xml"), []byte("<hudson/>"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(work, "emulated-r1", "backing", "config.xml")); err != nil {
		t.Errorf("file written through the mount is not in the backing directory: %v", err)
	}
	if prepared.PopulateDir != filepath.Join(work, "emulated-r1", "backing") {
		t.Errorf("PopulateDir = %q, want the backing directory", prepared.PopulateDir)
	}
	if err := v.(restoreMarker).MarkRestored(prepared); err != nil {
		t.Errorf("MarkRestored: %v", err)
	}
	if err := stack.Run(context.Background()); err != nil {
		t.Fatalf("release: %v", err)
	}
	if _, err := os.Stat(filepath.Join(work, "emulated-r1")); !os.IsNotExist(err) {
		t.Errorf("volume directory left behind: %v", err)
	}
	if facts := mountFacts(prepared.HostDir); facts != nil && facts["fstype"] == "fuse."+emufs.FsName {
		t.Errorf("mount left behind: %v", facts)
	}
}
