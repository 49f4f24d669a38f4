package home

import (
	"archive/zip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jsbench/jsbench/internal/testenv"
)

// digest maps every file of a tree to the hash of its content (or link
// target), directories to "dir".
func digest(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		switch {
		case d.IsDir():
			out[rel] = "dir"
		case d.Type()&fs.ModeSymlink != 0:
			link, err := os.Readlink(path)
			out[rel] = "link:" + link
			return err
		default:
			data, err := os.ReadFile(path)
			sum := sha256.Sum256(data)
			out[rel] = hex.EncodeToString(sum[:])
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func populate(t *testing.T, spec Spec) (string, Stats) {
	t.Helper()
	dir := t.TempDir()
	stats, err := Populate(dir, spec)
	if err != nil {
		t.Fatalf("Populate(%+v): %v", spec, err)
	}
	return dir, stats
}

func TestGeneratedIsDeterministic(t *testing.T) {
	spec := Spec{Kind: KindGenerated, Jobs: 12, BuildsPerJob: 3, Plugins: 4, Folders: 2, Seed: 7}
	a, statsA := populate(t, spec)
	b, statsB := populate(t, spec)
	if statsA != statsB {
		t.Errorf("stats differ for the same seed: %+v vs %+v", statsA, statsB)
	}
	da, db := digest(t, a), digest(t, b)
	if len(da) != len(db) {
		t.Fatalf("trees differ in size: %d vs %d entries", len(da), len(db))
	}
	for name, sum := range da {
		if db[name] != sum {
			t.Errorf("%s differs between two populates with the same seed", name)
		}
	}
	spec.Seed = 8
	c, _ := populate(t, spec)
	if dc := digest(t, c); dc["jobs/team-alpha/jobs/payments-build/config.xml"] == da["jobs/team-alpha/jobs/payments-build/config.xml"] {
		t.Error("a different seed gave the same job config")
	}
}

func TestGeneratedCounts(t *testing.T) {
	tests := []struct {
		name string
		spec Spec
		// jobDirs are where the jobs are, relative to the home.
		jobDirs []string
	}{
		{"top level", Spec{Kind: KindGenerated, Jobs: 5, BuildsPerJob: 4, Plugins: 3, Seed: 1},
			[]string{"jobs/payments-build", "jobs/checkout-build", "jobs/web-frontend-build", "jobs/api-gateway-build", "jobs/inventory-build"}},
		{"in folders", Spec{Kind: KindGenerated, Jobs: 3, BuildsPerJob: 2, Plugins: 0, Folders: 2, Seed: 1},
			[]string{"jobs/team-alpha/jobs/payments-build", "jobs/team-bravo/jobs/checkout-build", "jobs/team-alpha/jobs/web-frontend-build"}},
		{"no builds", Spec{Kind: KindGenerated, Jobs: 2, Seed: 1}, []string{"jobs/payments-build", "jobs/checkout-build"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, stats := populate(t, tt.spec)
			for _, job := range tt.jobDirs {
				checkJob(t, filepath.Join(dir, job), tt.spec.BuildsPerJob)
			}
			plugins, _ := filepath.Glob(filepath.Join(dir, "plugins", "*.jpi"))
			if len(plugins) != tt.spec.Plugins {
				t.Errorf("%d plugins, want %d", len(plugins), tt.spec.Plugins)
			}
			for _, f := range []string{"config.xml", "hudson.model.UpdateCenter.xml", "secret.key", "secrets/master.key", "users/users.xml", "nodes/agent-01/config.xml"} {
				if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
					t.Errorf("system file missing: %v", err)
				}
			}
			if stats.Files == 0 || stats.Bytes == 0 {
				t.Errorf("stats = %+v, want files and bytes counted", stats)
			}
		})
	}
}

func checkJob(t *testing.T, dir string, builds int) {
	t.Helper()
	config, err := os.ReadFile(filepath.Join(dir, "config.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(config) < JobConfigMinBytes || len(config) > JobConfigMaxBytes {
		t.Errorf("%s: config.xml is %d bytes, want %d–%d", dir, len(config), JobConfigMinBytes, JobConfigMaxBytes)
	}
	if !strings.HasPrefix(string(config), "<?xml version='1.1' encoding='UTF-8'?>\n<") {
		t.Errorf("%s: config.xml does not start like Jenkins's: %.60q", dir, config)
	}
	if _, err := os.Stat(filepath.Join(dir, "nextBuildNumber")); err != nil {
		t.Error(err)
	}
	logs, _ := filepath.Glob(filepath.Join(dir, "builds", "*", "log"))
	records, _ := filepath.Glob(filepath.Join(dir, "builds", "*", "build.xml"))
	if len(logs) != builds || len(records) != builds {
		t.Errorf("%s: %d logs and %d build.xml, want %d of each", dir, len(logs), len(records), builds)
	}
	if builds > 0 {
		for _, f := range []string{"legacyIds", "permalinks"} {
			if _, err := os.Stat(filepath.Join(dir, "builds", f)); err != nil {
				t.Error(err)
			}
		}
	}
}

func TestPluginIsZipWithManifest(t *testing.T) {
	dir := t.TempDir()
	for _, i := range []int{9, 52, len(catalog)} {
		p := catalogPlugin(i)
		name := p.name
		t.Run(name, func(t *testing.T) {
			if err := writePlugin(&tree{ctx: t.Context(), root: dir}, 3, p); err != nil {
				t.Fatal(err)
			}
			r, err := zip.OpenReader(filepath.Join(dir, "plugins", name+".jpi"))
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			if len(r.File) < PluginMinEntries-4 || len(r.File) > PluginMaxEntries+5 {
				t.Errorf("%d entries, want tens", len(r.File))
			}
			mf := readEntry(t, r, "META-INF/MANIFEST.MF")
			unwrapped := strings.ReplaceAll(mf, "\r\n ", "")
			for _, want := range []string{"Short-Name: " + name + "\r\n", "Plugin-Version: ", "Jenkins-Version: "} {
				if !strings.Contains(unwrapped, want) {
					t.Errorf("manifest lacks %q:\n%s", want, mf)
				}
			}
			if name == "workflow-aggregator" && !strings.Contains(unwrapped, "Plugin-Dependencies: pipeline-model-definition:") {
				t.Errorf("manifest lacks dependencies:\n%s", unwrapped)
			}
			for _, line := range strings.Split(mf, "\r\n") {
				if len(line) > 72 {
					t.Errorf("manifest line longer than 72 bytes: %q", line)
				}
			}
			if !hasJar(r) {
				t.Error("no WEB-INF/lib/*.jar entry")
			}
		})
	}
}

func readEntry(t *testing.T, r *zip.ReadCloser, name string) string {
	t.Helper()
	f, err := r.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func hasJar(r *zip.ReadCloser) bool {
	for _, f := range r.File {
		if strings.HasPrefix(f.Name, "WEB-INF/lib/") && strings.HasSuffix(f.Name, ".jar") && f.Method == zip.Store {
			return true
		}
	}
	return false
}

func TestCatalogListsDependenciesFirst(t *testing.T) {
	seen := map[string]bool{}
	for _, p := range catalog {
		for _, dep := range p.deps {
			if !seen[dep] {
				t.Errorf("%s depends on %s, which comes later or is missing", p.name, dep)
			}
		}
		if seen[p.name] {
			t.Errorf("%s is listed twice", p.name)
		}
		seen[p.name] = true
	}
}

func TestPopulateErrors(t *testing.T) {
	notEmpty := t.TempDir()
	if err := os.WriteFile(filepath.Join(notEmpty, "x"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, dst string
		spec      Spec
		want      string
	}{
		{"not empty", notEmpty, Spec{Kind: KindEmpty}, "is not empty"},
		{"unknown kind", t.TempDir(), Spec{Kind: "nfs"}, `unknown kind "nfs"`},
		{"dir without source", t.TempDir(), Spec{Kind: KindDir}, "needs a source directory"},
		{"negative", t.TempDir(), Spec{Kind: KindGenerated, Jobs: -1}, "negative count"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Populate(tt.dst, tt.spec)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Populate() error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestEmpty(t *testing.T) {
	dir, stats := populate(t, Spec{Kind: KindEmpty})
	if entries, _ := os.ReadDir(dir); len(entries) != 0 || stats != (Stats{}) {
		t.Errorf("empty home has %d entries, stats %+v", len(entries), stats)
	}
}

func TestChown(t *testing.T) {
	testenv.RequireRoot(t)
	dir, _ := populate(t, Spec{Kind: KindGenerated, Jobs: 1, BuildsPerJob: 1, Plugins: 1, Seed: 1})
	if err := os.Symlink("config.xml", filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	if err := Chown(dir, 1000, 1000); err != nil {
		t.Fatal(err)
	}
	err := filepath.WalkDir(dir, func(path string, _ fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := os.Lstat(path)
		if st := info.Sys().(*syscall.Stat_t); st.Uid != 1000 || st.Gid != 1000 {
			t.Errorf("%s is owned by %d:%d", path, st.Uid, st.Gid)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func BenchmarkGenerate100Jobs10Builds(b *testing.B) {
	spec := Spec{Kind: KindGenerated, Jobs: 100, BuildsPerJob: 10, Plugins: DefaultPlugins, Seed: 1}
	for b.Loop() {
		b.StopTimer()
		dir := b.TempDir()
		b.StartTimer()
		stats, err := Populate(dir, spec)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(stats.Files), "files/op")
		b.SetBytes(stats.Bytes)
	}
}

// TestEstimateBytesCoversWhatIsWritten generates homes of a few shapes
// and checks the estimate the free-space check relies on is above what
// was written, and not wildly so.
func TestEstimateBytesCoversWhatIsWritten(t *testing.T) {
	for _, spec := range []Spec{
		{Kind: KindGenerated, Jobs: 50, BuildsPerJob: 0, Plugins: 0, Seed: 1},
		{Kind: KindGenerated, Jobs: 30, BuildsPerJob: 20, Plugins: 0, Seed: 2},
		{Kind: KindGenerated, Jobs: 5, BuildsPerJob: 2, Plugins: 20, Folders: 3, Seed: 3},
	} {
		dir := t.TempDir()
		stats, err := Populate(dir, spec)
		if err != nil {
			t.Fatal(err)
		}
		written, err := SourceBytes(context.Background(), dir)
		if err != nil || written != stats.Bytes {
			t.Fatalf("SourceBytes = %d, %v; Populate wrote %d", written, err, stats.Bytes)
		}
		if est := EstimateBytes(spec); est < written || est > 4*written+EstimatedSystemBytes {
			t.Errorf("%+v: estimate %d bytes for %d written", spec, est, written)
		}
	}
}

// TestPopulateStopsWhenCancelled cancels a generation of a million jobs
// once its first job is written: it must return the context's error
// with far fewer jobs written.
func TestPopulateStopsWhenCancelled(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		for {
			if jobs, _ := filepath.Glob(filepath.Join(dir, "jobs", "*")); len(jobs) > 0 {
				cancel()
				return
			}
			time.Sleep(time.Millisecond)
		}
	}()
	done := make(chan error, 1)
	go func() {
		_, err := PopulateContext(ctx, dir, Spec{Kind: KindGenerated, Jobs: 1_000_000, Seed: 1})
		done <- err
	}()
	var err error
	select {
	case err = <-done:
	case <-time.After(time.Minute): // a guard against a hang, not a measure
		t.Fatal("PopulateContext went on after its context was cancelled")
	}
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if jobs, _ := filepath.Glob(filepath.Join(dir, "jobs", "*")); len(jobs) >= 1_000_000 {
		t.Errorf("all %d jobs written: the cancel was not honoured", len(jobs))
	}
}

func TestCopyStopsWhenCancelled(t *testing.T) {
	src := t.TempDir()
	if _, err := Populate(src, Spec{Kind: KindGenerated, Jobs: 3, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	dst := t.TempDir()
	if _, err := PopulateContext(ctx, dst, Spec{Kind: KindDir, Dir: src}); !errors.Is(err, context.Canceled) {
		t.Errorf("copy with a cancelled context: err = %v", err)
	}
}
