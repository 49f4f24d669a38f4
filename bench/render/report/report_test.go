package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/jsbench/jsbench/bench/analyze/compare"
	"github.com/jsbench/jsbench/bench/record/results"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

func load(t *testing.T, name string) []results.Record {
	t.Helper()
	recs, warnings, err := results.Load(filepath.Join("testdata", name))
	if err != nil || len(warnings) > 0 {
		t.Fatalf("load %s: %v %q", name, err, warnings)
	}
	return recs
}

// models are the two shapes a report takes: results alone, and results
// compared with a baseline (nfs is 25 % slower and one nfs run timed out).
func models(t *testing.T) map[string]Model {
	base, cur := load(t, "baseline.jsonl"), load(t, "new.jsonl")
	withConfig := Build(cur, nil, compare.Options{})
	withConfig.Config = []ConfigLine{{Key: "goos", Value: "linux"}, {Key: "goarch", Value: "amd64"}}
	return map[string]Model{
		"results": withConfig,
		"compare": Build(cur, base, compare.Options{}),
	}
}

var formats = map[string]Renderer{
	"txt": Text, "json": JSON, "md": Markdown, "xml": JUnit, "csv": CSV, "gobench": GoBench,
}

func TestGolden(t *testing.T) {
	for mname, m := range models(t) {
		for ext, render := range formats {
			t.Run(mname+"."+ext, func(t *testing.T) {
				var buf bytes.Buffer
				if err := render(&buf, m); err != nil {
					t.Fatal(err)
				}
				golden(t, filepath.Join("testdata", "golden", mname+"."+ext), buf.Bytes())
			})
		}
	}
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden (run go test -update): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it):\n%s", path, lineDiff(string(want), string(got)))
	}
}

// lineDiff lists the first lines that differ, enough to see what changed.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl && shown < 10 {
			shown++
			b.WriteString("line " + strconv.Itoa(i+1) + ":\n- " + wl + "\n+ " + gl + "\n")
		}
	}
	return b.String()
}
