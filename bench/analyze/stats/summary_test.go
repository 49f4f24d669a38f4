package stats

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/jsbench/jsbench/bench/record/results"
)

func run(iteration int, status string, readyMS float64, phases ...results.Phase) results.Record {
	return results.Record{
		Schema: results.SchemaV1, Scenario: "small", Iteration: iteration, Status: status,
		Subject: results.Subject{Kind: "sim", Simulated: true, Name: "jenkins-sim"},
		Volume:  results.Volume{Name: "local", Kind: "local"}, ReadyMS: readyMS, Phases: phases,
	}
}

// handSet holds seven successful runs with ready_ms 100, 110, …, 150 and
// 1000, one warmup, one failed and one timed-out run.
func handSet() []results.Record {
	var recs []results.Record
	warm := run(0, results.StatusOK, 5000)
	warm.Warmup = true
	recs = append(recs, warm)
	for i, v := range []float64{130, 100, 1000, 120, 150, 110, 140} {
		recs = append(recs, run(i+1, results.StatusOK, v, results.Phase{Name: "fully_up", DurationMS: v / 10}))
	}
	return append(recs, run(8, results.StatusFailed, 0), run(9, results.StatusTimeout, 0))
}

// TestSummarizeHandComputed checks the figures derived by hand:
// sorted 100 110 120 130 140 150 1000; median 130; mean 1750/7 = 250;
// SD √(Σ(x−250)²/6) = √(658000/6); definition-7 quantiles with
// h = 6p: Q1 = 110 + 0.5·10 = 115, Q3 = 140 + 0.5·10 = 145, IQR 30,
// P5 = 100 + 0.3·10 = 103, P95 = 150 + 0.7·850 = 745; fences 70 and 190
// leave 1000 (iteration 3) out; for n = 7 the 95 % interval is
// [X(1), X(7)] (coverage 1 − 2/128 = 98.4 %; [X(2), X(6)] has 87.5 %).
func TestSummarizeHandComputed(t *testing.T) {
	sums := Summarize(handSet(), Options{})
	if len(sums) != 2 {
		t.Fatalf("got %d summaries, want fully_up and ready: %+v", len(sums), sums)
	}
	if sums[0].Phase != "fully_up" || sums[1].Phase != "ready" {
		t.Fatalf("phases %q, %q; want fully_up then ready", sums[0].Phase, sums[1].Phase)
	}
	s := sums[1]
	want := map[string]float64{
		"median": 130, "mean": 250, "sd": math.Sqrt(658000.0 / 6), "min": 100, "max": 1000,
		"p5": 103, "p95": 745, "iqr": 30, "ci_low": 100, "ci_high": 1000,
	}
	got := map[string]float64{
		"median": s.MedianMS, "mean": s.MeanMS, "sd": s.SDMS, "min": s.MinMS, "max": s.MaxMS,
		"p5": s.P5MS, "p95": s.P95MS, "iqr": s.IQRMS, "ci_low": s.CILowMS, "ci_high": s.CIHighMS,
	}
	for name, w := range want {
		if math.Abs(got[name]-w) > 1e-9 {
			t.Errorf("%s = %g, want %g", name, got[name], w)
		}
	}
	if s.N != 7 || s.Failed != 1 || s.TimedOut != 1 || s.Warmup != 1 {
		t.Errorf("N, Failed, TimedOut, Warmup = %d, %d, %d, %d; want 7, 1, 1, 1", s.N, s.Failed, s.TimedOut, s.Warmup)
	}
	if !reflect.DeepEqual(s.Outliers, []int{3}) {
		t.Errorf("Outliers = %v, want [3]", s.Outliers)
	}
	if !reflect.DeepEqual(s.SamplesMS, []float64{130, 100, 1000, 120, 150, 110, 140}) {
		t.Errorf("SamplesMS = %v, want run order", s.SamplesMS)
	}
	if s.CIMethod != CIMethodOrderStatistic {
		t.Errorf("CIMethod = %q", s.CIMethod)
	}
	wantWarnings(t, s.Warnings, "2 of 9 runs did not finish", "outliers beyond 1.5×IQR of the quartiles at iterations [3]: kept")
}

func TestSummarizeWarnings(t *testing.T) {
	tests := []struct {
		name    string
		records []results.Record
		phase   string
		want    []string
		wantN   int
	}{
		{
			name:    "fewer than six runs",
			records: []results.Record{run(1, "ok", 10), run(2, "ok", 11), run(3, "ok", 12)},
			phase:   "ready", want: []string{"fewer than 6 runs: no confidence interval"}, wantN: 3,
		},
		{
			name:    "no successful run",
			records: []results.Record{run(1, "failed", 0), run(2, "timeout", 0)},
			phase:   "ready", want: []string{"no successful run", "2 of 2 runs did not finish"}, wantN: 0,
		},
		{
			name: "phase missing and skipped",
			records: []results.Record{
				run(1, "ok", 10, results.Phase{Name: "war_extraction", DurationMS: 3}),
				run(2, "ok", 10, results.Phase{Name: "war_extraction", Skipped: true}),
				run(3, "ok", 10),
			},
			phase: "war_extraction", want: []string{"1 of 3 successful runs lack this phase", "phase skipped in 1 run(s)"}, wantN: 1,
		},
		{
			name: "non-finite and negative",
			records: []results.Record{
				run(1, "ok", math.NaN()), run(2, "ok", math.Inf(1)), run(3, "ok", -4), run(4, "ok", 7),
			},
			phase: "ready", want: []string{"2 non-finite or implausible durations", "1 negative duration(s)"}, wantN: 2,
		},
		{
			name:    "unknown status",
			records: []results.Record{run(1, "crashed", 0), run(2, "ok", 5)},
			phase:   "ready", want: []string{`1 run(s) with unknown status "crashed" counted as errors`}, wantN: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, s := range Summarize(tt.records, Options{}) {
				if s.Phase == tt.phase {
					if s.N != tt.wantN {
						t.Errorf("N = %d, want %d", s.N, tt.wantN)
					}
					wantWarnings(t, s.Warnings, tt.want...)
					return
				}
			}
			t.Fatalf("no summary for phase %q", tt.phase)
		})
	}
}

func TestSummarizeMixedSubjects(t *testing.T) {
	a, b := run(1, "ok", 10), run(2, "ok", 12)
	b.Subject = results.Subject{Kind: "image", Name: "jenkins/jenkins:lts", JenkinsVersion: "2.504.1"}
	s := Summarize([]results.Record{a, b}, Options{})
	wantWarnings(t, s[0].Warnings, "runs come from 2 subjects")
}

func wantWarnings(t *testing.T, got []string, want ...string) {
	t.Helper()
	joined := strings.Join(got, "\n")
	for _, w := range want {
		if !strings.Contains(joined, w) {
			t.Errorf("warnings lack %q; got:\n%s", w, joined)
		}
	}
}

func TestQuantile(t *testing.T) {
	x := []float64{1, 2, 3, 4}
	tests := []struct {
		p, want float64
	}{
		{0, 1}, {0.5, 2.5}, {1, 4}, {0.25, 1.75}, {0.9, 3.7},
	}
	for _, tt := range tests {
		if got := Quantile(x, tt.p); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("Quantile(%v, %g) = %g, want %g", x, tt.p, got, tt.want)
		}
	}
	if !math.IsNaN(Quantile(nil, 0.5)) {
		t.Error("Quantile of nothing should be NaN")
	}
}
