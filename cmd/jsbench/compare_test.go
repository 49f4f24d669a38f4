package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/internal/testenv"
)

// writeSuite writes n runs per volume with lognormal ready times of the
// given median to dir/results.jsonl.
func writeSuite(t *testing.T, dir string, seed uint64, n int, medianMS float64, volumes ...string) string {
	return testenv.WriteResults(t, dir, testenv.SyntheticRuns{Seed: seed, Stream: 5, Runs: n,
		MedianMS: medianMS, Volumes: volumes, FullyUpShare: 0.6})
}

func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestCompareCommand(t *testing.T) {
	dir := t.TempDir()
	base := writeSuite(t, filepath.Join(dir, "base"), 1, 10, 20000, "local", "nfs")
	same := writeSuite(t, filepath.Join(dir, "same"), 2, 10, 20000, "local", "nfs")
	slow := writeSuite(t, filepath.Join(dir, "slow"), 3, 10, 26000, "local", "nfs")
	partial := writeSuite(t, filepath.Join(dir, "partial"), 4, 10, 20000, "local")
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"no regression", []string{"compare", base, same}, 0, "no regression in 4 rows", ""},
		{"regression", []string{"compare", base, slow}, 1, "small/nfs/ready", "jsbench: regression in 4 of 4 rows: small/local/fully_up"},
		{"threshold above the shift", []string{"compare", "--threshold", "40%", base, slow}, 0, "no regression", ""},
		{"missing volume", []string{"compare", base, partial}, 2, "", `jsbench: unusable input: scenario "small" on volume "nfs": only in the baseline`},
		{"unreadable", []string{"compare", base, filepath.Join(dir, "nope")}, 2, "", "unusable input: read new results"},
		{"bad flag", []string{"compare", "--threshold", "lots", base, same}, 2, "", `want a percentage such as 10%, got "lots"`},
		{"bad alpha", []string{"compare", "--alpha", "5", base, same}, 2, "", "--alpha 5: want a level between 0 and 1"},
		{"one argument", []string{"compare", base}, 2, "", "accepts 2 arg(s)"},
		{"unknown format", []string{"compare", "--format", "pdf", base, same}, 2, "", `unknown format "pdf"`},
		{"markdown", []string{"compare", "--format", "markdown", base, slow}, 1, "**❌ Regression**", ""},
		{"junit", []string{"compare", "--format", "junit", base, slow}, 1, `<failure message="small/local/fully_up: median +`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(tt.args...)
			if code != tt.code || !strings.Contains(stdout, tt.stdout) || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s\nwant stdout ⊇ %q, stderr ⊇ %q", code, tt.code, stdout, stderr, tt.stdout, tt.stderr)
			}
		})
	}
}

func TestReportCommand(t *testing.T) {
	dir := t.TempDir()
	base := writeSuite(t, filepath.Join(dir, "base"), 1, 10, 20000, "local")
	cur := writeSuite(t, filepath.Join(dir, "cur"), 3, 10, 26000, "local")
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"report", cur}, 0, "MEDIAN MS"},
		{[]string{"report", "--format", "csv", cur}, 0, "scenario,volume,phase,subject"},
		{[]string{"report", "--format", "gobench", cur}, 0, "BenchmarkStartup/scenario=small/volume=local/phase=ready 1 "},
		{[]string{"report", "--format", "json", "--baseline", base, cur}, 0, `"status": "regression"`},
		{[]string{"report", "--format", "junit", "--baseline", base, cur}, 0, "<failure"},
		{[]string{"report", "--format", "pdf", cur}, 2, ""},
		{[]string{"report", filepath.Join(dir, "nope")}, 2, ""},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, stdout, stderr := runCLI(tt.args...)
			if code != tt.code || !strings.Contains(stdout, tt.want) {
				t.Errorf("exit %d (want %d)\nstdout: %s\nstderr: %s", code, tt.code, stdout, stderr)
			}
		})
	}
}

func TestBaselineCommand(t *testing.T) {
	dir := t.TempDir()
	base := writeSuite(t, filepath.Join(dir, "base"), 1, 10, 20000, "local")
	slow := writeSuite(t, filepath.Join(dir, "slow"), 3, 10, 26000, "local")
	hist := filepath.Join(dir, "history")
	if code, out, errOut := runCLI("baseline", "accept", base, "--dir", hist, "--label", "nightly", "--commit", "abc1234"); code != 0 || !strings.Contains(out, "-nightly") {
		t.Fatalf("accept: exit %d\n%s%s", code, out, errOut)
	}
	code, shown, _ := runCLI("baseline", "show", hist)
	if code != 0 || !strings.Contains(shown, "-nightly") {
		t.Fatalf("show: exit %d, %q", code, shown)
	}
	if code, _, errOut := runCLI("compare", hist, slow); code != 1 {
		t.Errorf("compare against history: exit %d, %s", code, errOut)
	}
	if code, _, errOut := runCLI("compare", filepath.Join(dir, "empty-history"), slow); code != 2 {
		t.Errorf("compare against a missing history: exit %d, %s", code, errOut)
	}
	if code, _, errOut := runCLI("baseline", "accept", base); code != exitUnusable || !strings.Contains(errOut, `"dir" not set`) {
		t.Errorf("accept without --dir: exit %d, %s", code, errOut)
	}
}

// TestHelpExamples runs every example line of compare, report and
// baseline accept, in a directory holding the files they name.
func TestHelpExamples(t *testing.T) {
	dir := t.TempDir()
	writeSuite(t, filepath.Join(dir, "results"), 2, 10, 20000, "local")
	base := writeSuite(t, filepath.Join(dir, "base"), 1, 10, 20000, "local")
	if err := os.Rename(filepath.Join(base, results.FileName), filepath.Join(dir, "baseline.jsonl")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	if code, out, errOut := runCLI("baseline", "accept", "baseline.jsonl", "--dir", "history"); code != 0 {
		t.Fatalf("prepare history: %s%s", out, errOut)
	}
	root := newRootCommand(context.Background(), &bytes.Buffer{}, &bytes.Buffer{})
	var examples []string
	for _, path := range [][]string{{"compare"}, {"report"}, {"baseline", "accept"}} {
		cmd, _, err := root.Find(path)
		if err != nil || cmd.Example == "" {
			t.Fatalf("%v: no examples (%v)", path, err)
		}
		examples = append(examples, strings.Split(cmd.Example, "\n")...)
	}
	for _, line := range examples {
		fields := strings.Fields(line)
		if len(fields) == 0 || fields[0] != "jsbench" {
			continue
		}
		var redirect string
		if n := len(fields); n > 2 && fields[n-2] == ">" {
			redirect, fields = fields[n-1], fields[:n-2]
		}
		code, out, errOut := runCLI(fields[1:]...)
		if code != 0 {
			t.Errorf("%s: exit %d\n%s", line, code, errOut)
		}
		if redirect != "" {
			if err := os.WriteFile(redirect, []byte(out), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
