// Package ci holds the nightly job's script and its test: ci/nightly.sh
// is run here against a real jsbench, with JSBENCH_RUN=skip so that it
// judges prepared results instead of measuring.
package ci

import (
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/internal/testenv"
)

// jsbenchBinary builds cmd/jsbench, or takes $JSBENCH when set.
func jsbenchBinary(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("JSBENCH"); p != "" {
		return p
	}
	return testenv.Build(t, "./cmd/jsbench")
}

// writeResults writes 10 runs per volume with lognormal ready times of
// the given median to dir/results.jsonl and returns dir.
func writeResults(t *testing.T, dir string, seed uint64, medianMS float64, volumes ...string) string {
	return testenv.WriteResults(t, dir, testenv.SyntheticRuns{Seed: seed, Stream: 7, Runs: 10,
		MedianMS: medianMS, Volumes: volumes})
}

// writeBusyResults is writeResults measured on a busy host.
func writeBusyResults(t *testing.T, dir string, seed uint64, medianMS float64, volumes ...string) string {
	return testenv.WriteResults(t, dir, testenv.SyntheticRuns{Seed: seed, Stream: 7, Runs: 10,
		MedianMS: medianMS, Volumes: volumes, Host: testenv.HostBusy})
}

type nightly struct {
	code                  int
	out, history, summary string
	output                string
}

// runNightly runs ci/nightly.sh on the given results with a history
// shared across calls of one test.
func runNightly(t *testing.T, bin, history, resultsDir string) nightly {
	t.Helper()
	out := t.TempDir()
	summary := filepath.Join(out, "step-summary.md")
	cmd := exec.Command("bash", "ci/nightly.sh")
	cmd.Dir = ".."
	cmd.Env = append(os.Environ(), "JSBENCH="+bin, "JSBENCH_RUN=skip", "JSBENCH_RESULTS="+resultsDir,
		"HISTORY="+history, "OUT="+out, "GITHUB_STEP_SUMMARY="+summary)
	output, err := cmd.CombinedOutput()
	n := nightly{out: out, history: history, summary: summary, output: string(output)}
	if exit, ok := err.(*exec.ExitError); ok {
		n.code = exit.ExitCode()
	} else if err != nil {
		t.Fatalf("run nightly.sh: %v", err)
	}
	return n
}

func TestNightlyScript(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	bin := jsbenchBinary(t)
	data := t.TempDir()
	history := filepath.Join(t.TempDir(), "history")
	first := writeResults(t, filepath.Join(data, "first"), 1, 20000, "local", "nfs")

	n := runNightly(t, bin, history, first)
	if n.code != 0 || !strings.Contains(n.output, "this run is now the baseline") {
		t.Fatalf("first night: exit %d\n%s", n.code, n.output)
	}
	mustExist(t, filepath.Join(history, "baseline"), filepath.Join(n.out, "junit.xml"), filepath.Join(n.out, "summary.csv"), filepath.Join(n.out, "results.bench"))

	withFailure := writeResults(t, filepath.Join(data, "failed"), 5, 20000, "local", "nfs")
	appendFailedRun(t, withFailure, "nfs")
	tests := []struct {
		name           string
		results        string
		code           int
		say            string
		fails, skipped int
	}{
		{"same", writeResults(t, filepath.Join(data, "same"), 2, 20000, "local", "nfs"), 0, "nightly: no regression", 0, 0},
		{"slower", writeResults(t, filepath.Join(data, "slower"), 3, 25000, "local", "nfs"), 1, "nightly: regression", 2, 0},
		{"volume gone", writeResults(t, filepath.Join(data, "gone"), 4, 20000, "local"), 2, "nightly: input cannot be judged", 0, 0},
		// Every run 25 % slower on a busy host: local's ready time cannot
		// be told from the host (skipped in JUnit), nor nfs's, whose paired
		// ratio held but the host's change (its reference workload twice
		// as slow) could have moved it by more than the threshold.
		{"slower on a busy host", writeBusyResults(t, filepath.Join(data, "busy"), 3, 25000, "local", "nfs"), 3, "nightly: inconclusive: the host was too noisy to judge", 0, 2},
		// Nothing slower, but a run failed: not a pass.
		{"a run failed", withFailure, 4, "nightly: no regression in what was measured, but some runs failed", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := runNightly(t, bin, history, tt.results)
			if n.code != tt.code || !strings.Contains(n.output, tt.say) {
				t.Fatalf("exit %d, want %d and %q\n%s", n.code, tt.code, tt.say, n.output)
			}
			failures, skipped := junitCounts(t, filepath.Join(n.out, "junit.xml"))
			if failures != tt.fails || skipped != tt.skipped {
				t.Errorf("junit.xml has %d failures and %d skipped, want %d and %d", failures, skipped, tt.fails, tt.skipped)
			}
			if md, _ := os.ReadFile(n.summary); !strings.Contains(string(md), "## jsbench startup times") {
				t.Errorf("step summary lacks the Markdown report:\n%s", md)
			}
		})
	}
}

// appendFailedRun adds to dir/results.jsonl one run on volume that
// failed before fully up.
func appendFailedRun(t *testing.T, dir, volume string) {
	t.Helper()
	f, err := os.OpenFile(filepath.Join(dir, results.FileName), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rec := results.Record{Scenario: "small", Iteration: 11, Status: results.StatusFailed, Reason: "exited with code 1 before fully up",
		Subject: results.Subject{Kind: "sim", Simulated: true, Name: "jenkins-sim"},
		Volume:  results.Volume{Name: volume, Kind: volume}}
	if err := results.AppendJSONL(f, rec); err != nil {
		t.Fatal(err)
	}
}

func mustExist(t *testing.T, paths ...string) {
	t.Helper()
	for _, p := range paths {
		if info, err := os.Stat(p); err != nil || info.Size() == 0 {
			t.Errorf("%s missing or empty: %v", p, err)
		}
	}
}

// junitCounts reads the failures of a JUnit file and the skipped cases
// of its suites.
func junitCounts(t *testing.T, path string) (failures, skipped int) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Failures int `xml:"failures,attr"`
		Suites   []struct {
			Skipped int `xml:"skipped,attr"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	for _, s := range doc.Suites {
		skipped += s.Skipped
	}
	return doc.Failures, skipped
}

// TestNightlyRefusesABusyFirstBaseline: with no baseline yet, a run
// taken on a busy host is not accepted as one.
func TestNightlyRefusesABusyFirstBaseline(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	bin := jsbenchBinary(t)
	history := filepath.Join(t.TempDir(), "history")
	busy := writeBusyResults(t, filepath.Join(t.TempDir(), "busy"), 1, 20000, "local", "nfs")
	n := runNightly(t, bin, history, busy)
	if n.code != 3 || !strings.Contains(n.output, "too busy to make one") {
		t.Fatalf("exit %d, want 3 and a refusal\n%s", n.code, n.output)
	}
	if _, err := os.Stat(filepath.Join(history, "baseline")); err == nil {
		t.Error("a busy run was accepted as the baseline")
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	testenv.RemoveBuilds()
	os.Exit(code)
}
