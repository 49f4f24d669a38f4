package stats

import (
	"math"
	"reflect"
	"testing"

	"github.com/jsbench/jsbench/bench/record/results"
)

func pairRec(volume, kind string, iteration int, readyMS float64) results.Record {
	return results.Record{SuiteID: "s", Scenario: "sc", Volume: results.Volume{Name: volume, Kind: kind},
		Iteration: iteration, Status: results.StatusOK, ReadyMS: readyMS}
}

// TestPairedHandComputed: local ready 1000, 2000, 1000 ms; nfs 10000,
// 18000, 12000 ms in the same iterations. Ratios 10, 9, 12: median 10;
// differences 9000, 16000, 11000: median 11000. Iteration 4 has no
// local run and does not pair; a failed local run (iteration 5) neither.
func TestPairedHandComputed(t *testing.T) {
	recs := []results.Record{
		pairRec("local", "local", 1, 1000), pairRec("nfs", "emulated", 1, 10000),
		pairRec("local", "local", 2, 2000), pairRec("nfs", "emulated", 2, 18000),
		pairRec("local", "local", 3, 1000), pairRec("nfs", "emulated", 3, 12000),
		pairRec("nfs", "emulated", 4, 9000),
		pairRec("local", "local", 5, 0), pairRec("nfs", "emulated", 5, 9000),
	}
	recs[7].Status = results.StatusFailed
	got := Paired(recs)
	if len(got) != 1 {
		t.Fatalf("%d pairings, want 1: %+v", len(got), got)
	}
	p := got[0]
	if p.Reference != "local" || p.Volume != "nfs" || p.Phase != "ready" || p.N != 3 {
		t.Fatalf("pairing %+v", p)
	}
	if !reflect.DeepEqual(p.Ratios, []float64{10, 9, 12}) || !reflect.DeepEqual(p.Iterations, []int{1, 2, 3}) {
		t.Errorf("ratios %v at %v", p.Ratios, p.Iterations)
	}
	if p.MedianRatio != 10 || p.MedianDiffMS != 11000 || p.HasCI {
		t.Errorf("median ratio %g, diff %g, CI %v; want 10, 11000, none (3 pairs)", p.MedianRatio, p.MedianDiffMS, p.HasCI)
	}
	want := "2 of 5 runs that came up have no local run of their iteration that came up: left out of the paired ratio"
	if len(p.Warnings) != 2 || p.Warnings[1] != want {
		t.Errorf("warnings %q, want the CI's and %q", p.Warnings, want)
	}
}

// TestPairedReferenceAndRecovery: a named reference wins over the local
// kind; a restored volume pairs by recovery (restore + ready).
func TestPairedReferenceAndRecovery(t *testing.T) {
	var recs []results.Record
	for i := 1; i <= 6; i++ {
		ram := pairRec("ram", "tmpfs", i, 500)
		ram.ReferenceVolume = "ram"
		restored := pairRec("restored", "snapshot", i, 1000)
		restored.RestoreMS, restored.RecoveryMS = 500, 1500
		recs = append(recs, ram, pairRec("local", "local", i, 1000), restored)
	}
	got := Paired(recs)
	if len(got) != 2 || got[0].Reference != "ram" || got[1].Phase != "recovery" {
		t.Fatalf("pairings %+v", got)
	}
	if got[0].MedianRatio != 2 || got[1].MedianRatio != 3 || !got[1].HasCI || got[1].CILow != 3 {
		t.Errorf("local %g×, restored %g× [%g, %g]; want 2×, 3× [3, 3]", got[0].MedianRatio, got[1].MedianRatio, got[1].CILow, got[1].CIHigh)
	}
	if math.Abs(got[1].MedianDiffMS-1000) > 1e-9 {
		t.Errorf("restored adds %g ms, want 1000", got[1].MedianDiffMS)
	}
}

func TestNoReferenceNoPairs(t *testing.T) {
	if got := Paired([]results.Record{pairRec("ram", "tmpfs", 1, 1), pairRec("nfs", "emulated", 1, 2)}); len(got) != 0 {
		t.Errorf("pairings %+v without a local volume or a named reference", got)
	}
}
