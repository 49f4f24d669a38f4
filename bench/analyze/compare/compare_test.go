package compare

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/jsbench/jsbench/bench/record/results"
)

// suite draws n runs of scenario "small" on each volume, with lognormal
// ready times (median medianMS, σ 0.05 in log space, about the spread of
// repeated controller starts) and two phases splitting them 40/60.
func suite(seed uint64, n int, medianMS float64, volumes ...string) []results.Record {
	rng := rand.New(rand.NewPCG(seed, 2))
	var recs []results.Record
	for _, vol := range volumes {
		for i := 1; i <= n; i++ {
			ready := medianMS * math.Exp(0.05*rng.NormFloat64())
			recs = append(recs, results.Record{
				Schema: results.SchemaV1, Scenario: "small", Iteration: i, Status: results.StatusOK,
				Subject: results.Subject{Kind: "sim", Simulated: true, Name: "jenkins-sim"},
				Volume:  results.Volume{Name: vol, Kind: vol}, ReadyMS: ready,
				Phases: []results.Phase{
					{Name: "war_extraction", DurationMS: 0.4 * ready},
					{Name: "fully_up", StartMS: 0.4 * ready, DurationMS: 0.6 * ready},
				},
			})
		}
	}
	return recs
}

func TestCompareSynthetic(t *testing.T) {
	base := suite(1, 10, 40000, "local", "nfs")
	tests := []struct {
		name     string
		current  []results.Record
		opts     Options
		want     Outcome
		wantLine string
		wantRows int
		wantImpr int
	}{
		{"same distribution", suite(2, 10, 40000, "local", "nfs"), Options{}, NoRegression, "no regression in 6 rows", 6, 0},
		{"30% slower", suite(3, 10, 52000, "local", "nfs"), Options{}, Regression, "regression in 6 of 6 rows: small/local/war_extraction", 6, 0},
		{"5% slower, threshold 10%", suite(4, 10, 42000, "local", "nfs"), Options{}, NoRegression, "no regression", 6, 0},
		{"5% slower, threshold 2%", suite(4, 10, 42000, "local", "nfs"), Options{ThresholdPct: 2}, Regression, "regression", 6, 0},
		{"30% faster", suite(5, 10, 28000, "local", "nfs"), Options{}, NoRegression, "no regression", 6, 6},
		{"volume missing", suite(2, 10, 40000, "local"), Options{}, Unusable, `scenario "small" on volume "nfs": only in the baseline`, 3, 0},
		{"too few runs", suite(2, 2, 40000, "local", "nfs"), Options{}, Unusable, "too few successful runs (baseline 10, new 2; need 3 a side)", 6, 0},
		{"no runs", nil, Options{}, Unusable, "the new results hold no runs", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := Compare(base, tt.current, tt.opts)
			if v.Outcome() != tt.want {
				t.Errorf("Outcome = %s, want %s; %s", v.Outcome(), tt.want, v.Headline())
			}
			if !strings.Contains(v.Headline(), tt.wantLine) {
				t.Errorf("Headline = %q, want it to contain %q", v.Headline(), tt.wantLine)
			}
			if len(v.Rows) != tt.wantRows || len(v.Improvements) != tt.wantImpr {
				t.Errorf("rows %d, improvements %d; want %d, %d", len(v.Rows), len(v.Improvements), tt.wantRows, tt.wantImpr)
			}
		})
	}
}

func TestCompareCannotReachSignificance(t *testing.T) {
	v := Compare(suite(1, 3, 40000, "local"), suite(3, 3, 80000, "local"), Options{})
	if v.Outcome() != Unusable || !strings.Contains(v.Headline(), "3 against 3 runs cannot reach p < 0.05 (smallest possible p 0.100)") {
		t.Errorf("outcome %s, %q", v.Outcome(), v.Headline())
	}
}

func TestCompareReportsFiguresAndIsReproducible(t *testing.T) {
	base, cur := suite(1, 12, 40000, "local"), suite(3, 12, 52000, "local")
	a, b := Compare(base, cur, Options{}), Compare(base, cur, Options{})
	r := a.Rows[len(a.Rows)-1]
	if r.Phase != "ready" || r.Status != StatusRegression {
		t.Fatalf("last row %s is %s, want ready regression", r.Key, r.Status)
	}
	if r.ChangePct < 20 || r.ChangePct > 40 || r.ChangeCILowPct > r.ChangePct || r.ChangeCIHighPct < r.ChangePct {
		t.Errorf("change %.1f%% [%.1f, %.1f] does not bracket the ~30%% shift", r.ChangePct, r.ChangeCILowPct, r.ChangeCIHighPct)
	}
	if !r.Test.Exact || r.Test.P >= 0.001 {
		t.Errorf("test %+v: want exact and p < 0.001 for separated samples", r.Test)
	}
	if a.Rows[0].ChangeCILowPct != b.Rows[0].ChangeCILowPct {
		t.Error("the bootstrap interval differs between two runs with the same seed")
	}
}

func TestCompareSubjects(t *testing.T) {
	base, cur := suite(1, 10, 40000, "local"), suite(2, 10, 40000, "local")
	for i := range cur {
		cur[i].Subject = results.Subject{Kind: "image", Name: "jenkins/jenkins:lts", JenkinsVersion: "2.504.1"}
	}
	v := Compare(base, cur, Options{})
	if v.Outcome() != Unusable || !strings.Contains(v.Headline(), "simulated") {
		t.Errorf("sim against Jenkins: outcome %s, %q", v.Outcome(), v.Headline())
	}
	if len(v.Warnings) == 0 || !strings.Contains(v.Warnings[0], "subjects differ") {
		t.Errorf("warnings %q lack the subject change", v.Warnings)
	}
}

func TestComparePhaseOnlyOnOneSide(t *testing.T) {
	base, cur := suite(1, 10, 40000, "local"), suite(2, 10, 40000, "local")
	for i := range cur {
		cur[i].Phases = append(cur[i].Phases, results.Phase{Name: "system_config_loaded", DurationMS: 5})
	}
	v := Compare(base, cur, Options{})
	if v.Outcome() != Unusable || !strings.Contains(v.Headline(), "small/local/system_config_loaded: phase only in the new results") {
		t.Errorf("outcome %s, %q", v.Outcome(), v.Headline())
	}
}

// TestChangeCICoverage checks the bootstrap interval of the change of the
// median on lognormal samples whose true change is known: a factor 1.1 on
// every draw moves the median by exactly +10 %. Over 200 seeded trials of
// 15 runs a side, the 95 % interval must hold +10 % 95 % ± 3 % of the
// time. (Percentile intervals of medians of small samples tend to run a
// little short; the measured figure is logged.)
func TestChangeCICoverage(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	const trials, n = 200, 15
	hit := 0
	for i := range trials {
		base, cur := make([]float64, n), make([]float64, n)
		for j := range n {
			base[j] = 40000 * math.Exp(0.1*rng.NormFloat64())
			cur[j] = 1.1 * 40000 * math.Exp(0.1*rng.NormFloat64())
		}
		lo, hi := changeCI(base, cur, 0.95, 1000, uint64(i+1))
		if lo <= 10 && 10 <= hi {
			hit++
		}
	}
	got := float64(hit) / trials
	t.Logf("bootstrap change-of-median coverage over %d trials of n = %d: %.1f%%", trials, n, 100*got)
	if got < 0.92 || got > 0.98 {
		t.Errorf("coverage %.3f outside 0.95 ± 0.03", got)
	}
}
