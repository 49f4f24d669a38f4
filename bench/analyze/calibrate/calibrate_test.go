package calibrate

import (
	"math"
	"os"
	"testing"
	"time"

	"github.com/jsbench/jsbench/bench/observe/jenkinslog"
)

const fixture01 = "../../../../shared/fixtures/jenkins-logs/01-docker-logs-2.426.2-setup-wizard.log"

func source01(t *testing.T) Source {
	t.Helper()
	f, err := os.Open(fixture01)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res, err := jenkinslog.Parse(f, jenkinslog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	src, err := FromLog("01.log", res)
	if err != nil {
		t.Fatal(err)
	}
	return src
}

// TestSourceFromFixture01 reads fixture 01 as analyze shows it: fully up
// 9.135 s after its first line (10:16:43.271 to 10:16:52.406), the war
// extracted in 527 ms, Completed initialization 7.510 s after the last
// milestone, and the JVM up 306 ms before the first line (Jetty's @1363ms
// at 10:16:44.328, 1057 ms after it).
func TestSourceFromFixture01(t *testing.T) {
	src := source01(t)
	if src.Version != "2.426.2" || math.Abs(src.FullyUpMS-9135) > 1e-6 || src.BeforeLogMS != 306 || src.ExtractionSkipped {
		t.Errorf("source %+v", src)
	}
	want := map[string]float64{jenkinslog.WarExtraction: 527, jenkinslog.HTTPOpen: 515, jenkinslog.CompletedInitialization: 7510}
	for _, p := range src.Phases {
		if w, ok := want[p.Name]; ok && p.DurationMS != w {
			t.Errorf("%s %v ms, want %v", p.Name, p.DurationMS, w)
		}
	}
}

func TestFromLogWantsAFullStart(t *testing.T) {
	if _, err := FromLog("x", jenkinslog.Result{Starts: []jenkinslog.Start{{FullyUp: false}}}); err == nil {
		t.Error("a log without a full start was accepted")
	}
}

// TestNewPlan sets probe phases against the source's. The source lacks
// system_config_loaded (an older Jenkins), so its loaded_all_jobs also
// covers the probe's system_config_loaded: 4000 - (30 + 70) = 3900. The
// probe's war extraction (700 ms) exceeds the source's 500 ms: no extra,
// and a warning. Probe medians: war 700 of {600, 700, 900}, the others as
// given.
func TestNewPlan(t *testing.T) {
	src := Source{Phases: []Phase{{"war_extraction", 500}, {"started_initialization", 1000}, {"loaded_all_jobs", 4000}, {"fully_up", 20}}, BeforeLogMS: 300}
	probe := func(war float64) []Phase {
		return []Phase{{"war_extraction", war}, {"started_initialization", 5}, {"system_config_loaded", 30}, {"loaded_all_jobs", 70}, {"fully_up", 1}}
	}
	p := NewPlan(src, Workload{WarEntries: 1000, WarMB: 93}, [][]Phase{probe(600), probe(900), probe(700)})
	want := map[string]float64{"war_extraction": 0, "started_initialization": 995, "loaded_all_jobs": 3900, "fully_up": 19, jenkinslog.Launcher: 300}
	if len(p.Extra) != len(want) {
		t.Fatalf("extra %+v, want %v", p.Extra, want)
	}
	for _, e := range p.Extra {
		if e.DurationMS != want[e.Name] {
			t.Errorf("extra %s = %v ms, want %v", e.Name, e.DurationMS, want[e.Name])
		}
	}
	if len(p.Warnings) != 1 {
		t.Errorf("warnings %q, want one about war_extraction", p.Warnings)
	}
	flags := p.Flags()
	wantFlags := []string{"--war-entries=1000", "--war-mb=93", "--phase-extra=fully_up=19ms", "--phase-extra=launcher=300ms",
		"--phase-extra=loaded_all_jobs=3.9s", "--phase-extra=started_initialization=995ms"}
	if len(flags) != len(wantFlags) {
		t.Fatalf("flags %q, want %q", flags, wantFlags)
	}
	for i := range flags {
		if flags[i] != wantFlags[i] {
			t.Errorf("flag %d = %q, want %q", i, flags[i], wantFlags[i])
		}
	}
	if d := p.ExtraDurations()["loaded_all_jobs"]; d != 3900*time.Millisecond {
		t.Errorf("loaded_all_jobs extra %v", d)
	}
}

// TestWorkloadFor: 2.426.2 lies 80 of the 195 releases from 2.346 (91.2
// MB) to 2.541 (96.3 MB): 91.2 + 5.1 × 80/195 = 93.292 MB.
func TestWorkloadFor(t *testing.T) {
	for _, tt := range []struct {
		version string
		entries int
		mb      float64
	}{
		{"2.426.2", 1000, 93.292},
		{"2.541.3", 1000, 96.3},
		{"2.200", 1000, 91.2},
		{"2.580", 952, 53},
		{"", 1000, 96.3},
		{"1.441", 1000, 96.3},
	} {
		w := WorkloadFor(tt.version)
		if w.WarEntries != tt.entries || math.Abs(w.WarMB-tt.mb) > 0.001 || w.Basis == "" {
			t.Errorf("WorkloadFor(%q) = %+v, want %d entries, %v MB", tt.version, w, tt.entries, tt.mb)
		}
	}
}
