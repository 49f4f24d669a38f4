package main

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/jsbench/jsbench/internal/testenv"
)

// TestExitTableMatchesTheBinary checks README's exit table against the
// real jsbench: for each case, the row of the code the binary exits with
// must name the case. A free-space refusal is a failed run (4, or 5 when
// it refuses every run), not unusable input; refused by `home generate`,
// it is (2).
func TestExitTableMatchesTheBinary(t *testing.T) {
	testenv.RequireRoot(t) // the small tmpfs volume is a mount
	jsbench := testenv.Build(t, "./cmd/jsbench")
	if sim := testenv.Build(t, "./cmd/jenkins-sim"); filepath.Dir(sim) != filepath.Dir(jsbench) {
		t.Fatalf("jsbench and jenkins-sim built apart: %s, %s", jsbench, sim)
	}
	table := readmeExitTable(t)
	dir := t.TempDir()
	scenario := func(name, volumes string) string {
		path := filepath.Join(dir, name+".yaml")
		writeFile(t, path, "version: 1\nname: "+name+"\nsubject: {kind: sim, runtime: process}\nhome: {kind: generated, jobs: 10, builds_per_job: 1, plugins: 2}\nvolumes: ["+volumes+"]\nruns: 1\ncache: warm\n")
		return path
	}
	// The simulated war alone is 128 MiB: it cannot fit a 16 MiB tmpfs.
	noSpace := scenario("nospace", "{name: small, kind: tmpfs, size: 16m}")
	someSpace := scenario("somespace", "{name: small, kind: tmpfs, size: 16m}, {name: disk, kind: local}")
	bad := filepath.Join(dir, "bad.yaml")
	writeFile(t, bad, "version: 1\nname: [\n")
	base := writeSuite(t, filepath.Join(dir, "base"), 1, 10, 20000, "local")
	slow := writeSuite(t, filepath.Join(dir, "slow"), 3, 10, 26000, "local")
	tests := []struct {
		code   int
		phrase string
		args   []string
	}{
		{exitUnusable, "not enough space for `home generate`", []string{"home", "generate", "--jobs", "100000000", "--builds-per-job", "1000", filepath.Join(dir, "home")}},
		{exitUnusable, "a bad scenario", []string{"run", bad, "--out", filepath.Join(dir, "out-bad")}},
		{exitUnusable, "log", []string{"analyze", filepath.Join(dir, "no-such.log")}},
		{exitRegression, "a regression", []string{"compare", base, slow}},
		{exitRunsFailed, "A run the free-space check refuses", []string{"run", someSpace, "--out", filepath.Join(dir, "out-some"), "--work-dir", t.TempDir()}},
		{exitNothingMeasured, "as when the free-space check refuses every run", []string{"run", noSpace, "--out", filepath.Join(dir, "out-none"), "--work-dir", t.TempDir()}},
	}
	for _, tt := range tests {
		if !strings.Contains(table[tt.code], tt.phrase) {
			t.Errorf("README's row for exit %d does not say %q: %q", tt.code, tt.phrase, table[tt.code])
		}
		runBinary(t, jsbench, tt.code, tt.args...)
	}
}

// readmeExitTable reads the first table of README's "Exit codes": code
// to meaning.
func readmeExitTable(t *testing.T) map[int]string {
	t.Helper()
	f, err := os.Open("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows := map[int]string{}
	inSection := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "## "):
			inSection = line == "## Exit codes"
		case inSection && strings.HasPrefix(line, "| "):
			cells := strings.Split(line, " | ")
			if code, err := strconv.Atoi(strings.TrimPrefix(cells[0], "| ")); err == nil && len(cells) > 1 {
				rows[code] = cells[1]
			}
		}
	}
	if len(rows) == 0 {
		t.Fatal("no exit table in README.md")
	}
	return rows
}
