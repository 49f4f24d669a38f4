package main

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/jsbench/jsbench/internal/testenv"
)

// TestEveryFormatSaysWhatItIgnored gives the real report and compare a
// results file whose last record was cut short (what a SIGKILL while
// writing leaves) and one with a finite but absurd duration (1.7e308 ms):
// every format must say what it ignored, in its output where it has a
// place for warnings, on standard error where it has none.
func TestEveryFormatSaysWhatItIgnored(t *testing.T) {
	jsbench := testenv.Build(t, "./cmd/jsbench")
	dir := t.TempDir()
	good := writeSuite(t, filepath.Join(dir, "good"), 1, 6, 1000, "local", "nfs")
	okLine := firstLine(t, filepath.Join(good, "results.jsonl"))
	all, err := os.ReadFile(filepath.Join(good, "results.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(dir, "cut.jsonl")
	writeFile(t, cut, string(all)+okLine[:200])
	absurd := filepath.Join(dir, "absurd.jsonl")
	writeFile(t, absurd, string(all)+regexp.MustCompile(`"ready_ms":[0-9.e+]+`).ReplaceAllString(okLine, `"ready_ms":1.7e308`))
	inputs := map[string]string{cut: "line 13: record cut short (no newline, invalid JSON): ignored",
		absurd: "no run lasts that long; record ignored"} // ready_ms is 1.7e+308 ms, with + escaped in HTML
	for _, format := range []string{"text", "table", "csv", "junit", "json", "markdown", "html", "gobench"} {
		for path, want := range inputs {
			for _, args := range [][]string{{"report", "--format", format, path}, {"compare", "--format", format, good, path}} {
				stdout, stderr := runBoth(t, jsbench, args...)
				if n := strings.Count(stdout, "line 13: ") + strings.Count(stderr, "line 13: "); n != 1 || !strings.Contains(stdout+stderr, want) {
					t.Errorf("%v: %d mentions of line 13, want one saying %q\nstderr: %s", args, n, want, stderr)
				}
			}
		}
	}
}

// runBoth runs jsbench and returns its standard output and error,
// whatever its exit code.
func runBoth(t *testing.T, jsbench string, args ...string) (string, string) {
	t.Helper()
	cmd := exec.Command(jsbench, args...)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	_ = cmd.Run()
	return stdout.String(), stderr.String()
}

// TestCompareSaysTooFewRunsPerVolume compares a baseline with new results
// of two runs a volume (an interrupted session) that log fifteen phases
// each: compare must exit 2 and say it once per volume, not per phase,
// and in lines a person can read (the table keeps a row per phase).
func TestCompareSaysTooFewRunsPerVolume(t *testing.T) {
	jsbench := testenv.Build(t, "./cmd/jsbench")
	dir := t.TempDir()
	volumes := []string{"local", "nfs", "efs", "ebs"}
	base := withPhases(t, writeSuite(t, filepath.Join(dir, "base"), 1, 6, 1000, volumes...), 15)
	cur := withPhases(t, writeSuite(t, filepath.Join(dir, "new"), 2, 2, 1000, volumes...), 15)
	stdout, stderr := runBoth(t, jsbench, "compare", base, cur)
	for _, v := range volumes {
		want := "warning: unusable: small/" + v + ": too few successful runs (baseline 6, new 2; need 3 a side), in all 17 phases\n"
		if strings.Count(stdout, want) != 1 || strings.Count(stdout, "warning: unusable: small/"+v+":") != 1 {
			t.Errorf("stdout says %q %d times, want once:\n%s", want, strings.Count(stdout, want), stdout)
		}
	}
	if want := "jsbench: unusable input: small/local: too few successful runs (baseline 6, new 2; need 3 a side), in all 17 phases; and 3 more (4 in all)\n"; stderr != want {
		t.Errorf("stderr %q, want %q", stderr, want)
	}
	for _, line := range strings.Split(stdout, "\n") {
		if len(line) > 400 {
			t.Errorf("a line of %d bytes: %.200s…", len(line), line)
		}
	}
}

// withPhases adds n phases to every record of the results in dir.
func withPhases(t *testing.T, dir string, n int) string {
	t.Helper()
	path := filepath.Join(dir, "results.jsonl")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var rec map[string]any
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatal(err)
		}
		phases, _ := rec["phases"].([]any)
		for i := range n {
			phases = append(phases, map[string]any{"name": "phase_" + string(rune('a'+i)), "start_ms": float64(i * 10), "duration_ms": 10.0 + float64(i)})
		}
		rec["phases"] = phases
		b, _ := json.Marshal(rec)
		out.Write(append(b, '\n'))
	}
	f.Close()
	writeFile(t, path, out.String())
	return dir
}
