package testenv

import (
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/jsbench/jsbench/bench/record/results"
)

// SyntheticRuns describes a results.jsonl for tests of the reporting
// side: Runs successful runs of the simulated controller per volume of
// scenario "small", with lognormal ready times (σ 0.04 in log space)
// drawn from a PCG seeded with Seed and Stream.
type SyntheticRuns struct {
	Seed, Stream uint64
	Runs         int
	MedianMS     float64
	Volumes      []string
	// FullyUpShare, when positive, gives each run a fully_up phase of
	// that share of its ready time.
	FullyUpShare float64
	// Host, when set, gives each run host figures: HostQuiet or HostBusy.
	Host *results.Host
}

// HostQuiet and HostBusy are host figures of a run on an idle host and
// on one where as many busy tasks as CPUs compete (bench/analyze/noise judges
// the second busy).
var (
	HostQuiet = &results.Host{CPUs: 2,
		ReferenceBefore: &results.Reference{CPUMS: 110, FileMS: 30, Workers: 2, CPUSharePct: 97},
		ReferenceAfter:  &results.Reference{CPUMS: 112, FileMS: 31, Workers: 2, CPUSharePct: 96},
		During:          &results.HostDuring{WallMS: 1000, BusyPct: 60, HarnessPct: 2, SubjectPct: ptr(55), OthersPct: ptr(3)}}
	HostBusy = &results.Host{CPUs: 2,
		ReferenceBefore: &results.Reference{CPUMS: 230, FileMS: 45, Workers: 2, CPUSharePct: 48},
		ReferenceAfter:  &results.Reference{CPUMS: 240, FileMS: 50, Workers: 2, CPUSharePct: 47},
		During:          &results.HostDuring{WallMS: 1000, BusyPct: 100, HarnessPct: 2, SubjectPct: ptr(45), OthersPct: ptr(53)}}
)

func ptr(v float64) *float64 { return &v }

// WriteResults writes the runs to dir/results.jsonl and returns dir.
func WriteResults(t testing.TB, dir string, s SyntheticRuns) string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(dir, results.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rng := rand.New(rand.NewPCG(s.Seed, s.Stream))
	for _, vol := range s.Volumes {
		for i := 1; i <= s.Runs; i++ {
			ready := s.MedianMS * math.Exp(0.04*rng.NormFloat64())
			rec := results.Record{Scenario: "small", Iteration: i, Status: results.StatusOK, ReadyMS: ready,
				Subject: results.Subject{Kind: "sim", Simulated: true, Name: "jenkins-sim"},
				Volume:  results.Volume{Name: vol, Kind: vol}, Host: s.Host}
			if s.FullyUpShare > 0 {
				rec.Phases = []results.Phase{{Name: "fully_up", DurationMS: s.FullyUpShare * ready}}
			}
			if err := results.AppendJSONL(f, rec); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dir
}
