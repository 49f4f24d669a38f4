package history

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jsbench/jsbench/bench/record/results"
)

func resultsFile(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), results.FileName)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

const oneRun = `{"schema":"jsbench.run/v1","scenario":"small","subject":{"kind":"sim","simulated":true,"name":"jenkins-sim"},"status":"ok","ready_ms":5}` + "\n"

func TestAcceptAndResolve(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "history")
	src := resultsFile(t, oneRun)
	meta := Meta{Date: time.Date(2026, 5, 1, 23, 30, 0, 0, time.UTC), Label: "nightly run", Commit: "abc123",
		Env: Env{GOOS: "linux", GOARCH: "amd64", NumCPU: 2}}
	first, err := Accept(dir, src, meta)
	if err != nil || first != "2026-05-01-nightly-run" {
		t.Fatalf("Accept = %q, %v", first, err)
	}
	second, err := Accept(dir, filepath.Dir(src), meta)
	if err != nil || second != "2026-05-01-nightly-run-2" {
		t.Fatalf("second Accept = %q, %v", second, err)
	}
	entry, err := Resolve(dir)
	if err != nil || entry != filepath.Join(dir, second) {
		t.Fatalf("Resolve = %q, %v; want the second entry", entry, err)
	}
	recs, _, err := results.Load(entry)
	if err != nil || len(recs) != 1 {
		t.Fatalf("load accepted results: %d, %v", len(recs), err)
	}
	got, ok, err := LoadMeta(entry)
	if err != nil || !ok || got.Records != 1 || got.Commit != "abc123" || got.Env.NumCPU != 2 ||
		len(got.Subjects) != 1 || got.Subjects[0] != "jenkins-sim" || got.Schema != SchemaV1 {
		t.Errorf("LoadMeta = %+v, %t, %v", got, ok, err)
	}
	if err := Point(dir, first); err != nil {
		t.Fatal(err)
	}
	if entry, _ := Baseline(dir); entry != filepath.Join(dir, first) {
		t.Errorf("after Point, Baseline = %q", entry)
	}
	if plain, err := Resolve(src); err != nil || plain != src {
		t.Errorf("Resolve(file) = %q, %v", plain, err)
	}
}

func TestBaselineErrors(t *testing.T) {
	tests := []struct {
		name    string
		pointer string
		want    string
	}{
		{"no pointer", "", "has no baseline yet (jsbench baseline accept RESULTS --dir"},
		{"escaping pointer", "../elsewhere\n", `names "../elsewhere", not an entry`},
		{"missing entry", "2026-01-01-gone\n", "no such file or directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if tt.pointer != "" {
				if err := os.WriteFile(filepath.Join(dir, PointerFile), []byte(tt.pointer), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := Baseline(dir); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestAcceptRefusesBadResults(t *testing.T) {
	for name, content := range map[string]string{
		"unknown schema": `{"schema":"jsbench.run/v7"}` + "\n",
		"no runs":        "\n",
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			if _, err := Accept(dir, resultsFile(t, content), Meta{Date: time.Now()}); err == nil {
				t.Fatal("Accept succeeded")
			}
			if _, err := os.Stat(filepath.Join(dir, PointerFile)); err == nil {
				t.Error("a refused accept moved the pointer")
			}
		})
	}
}

func TestListOrdersEntriesOldestFirst(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "history")
	src := resultsFile(t, oneRun)
	for _, day := range []int{3, 1, 2} {
		if _, err := Accept(dir, src, Meta{Date: time.Date(2026, 5, day, 23, 0, 0, 0, time.UTC), Label: "nightly"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "not-an-entry"), 0o755); err != nil {
		t.Fatal(err)
	}
	entries, err := List(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name)
		if !e.HasMeta || len(e.Records) != 1 {
			t.Errorf("entry %s: meta %t, %d records", e.Name, e.HasMeta, len(e.Records))
		}
	}
	want := "2026-05-01-nightly 2026-05-02-nightly 2026-05-03-nightly"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("List = %s, want %s", got, want)
	}
}
