package compare

import (
	"math"
	"strings"
	"testing"

	"github.com/jsbench/jsbench/bench/record/results"
)

func pct(v float64) *float64 { return &v }

var (
	quietHost = &results.Host{
		ReferenceBefore: &results.Reference{CPUMS: 110, FileMS: 30, CPUSharePct: 97},
		During:          &results.HostDuring{OthersPct: pct(3)}}
	busyHost = &results.Host{
		ReferenceBefore: &results.Reference{CPUMS: 230, FileMS: 40, CPUSharePct: 45},
		During:          &results.HostDuring{OthersPct: pct(50)}}
	// slowHost is a quiet host that takes twice as long for the same work.
	slowHost = &results.Host{
		ReferenceBefore: &results.Reference{CPUMS: 220, FileMS: 60, CPUSharePct: 96},
		During:          &results.HostDuring{OthersPct: pct(2)}}
)

// hosted gives every record host figures h and scales the nfs runs by
// nfs and every run by all.
func hosted(recs []results.Record, h *results.Host, all, nfs float64) []results.Record {
	out := make([]results.Record, len(recs))
	for i, r := range recs {
		scale := all
		if r.Volume.Name == "nfs" {
			scale *= nfs
		}
		r.Host, r.ReadyMS = h, r.ReadyMS*scale
		r.Phases = append([]results.Phase{}, r.Phases...)
		for j := range r.Phases {
			r.Phases[j].StartMS *= scale
			r.Phases[j].DurationMS *= scale
		}
		out[i] = r
	}
	return out
}

func rowOf(v Verdict, key string) Row {
	for _, r := range v.Rows {
		if r.Key.String() == key {
			return r
		}
	}
	return Row{}
}

// TestNoisyHost: the same build measured on a host that made every run
// 30 % slower. The reference volume's rows cannot be told from the
// host's slowdown: inconclusive. nfs's paired ratio held (+3.6 %), but
// the host's reference workload changed by +93 % (busyHost: 270 ms
// against 140 ms) or +100 % (slowHost: 280 ms), which could move the
// ratio by twice as much either way: the paired ratio cannot vouch for
// no change, and nfs is inconclusive too.
func TestNoisyHost(t *testing.T) {
	base := hosted(suite(1, 10, 40000, "local", "nfs"), quietHost, 1, 1)
	for _, tt := range []struct {
		name string
		host *results.Host
		why  string
	}{
		{"busy runs", busyHost, "new runs on a busy host: local#1, local#2"},
		{"slower host", slowHost, "the reference workload is 100% slower than in the baseline"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			v := Compare(base, hosted(suite(2, 10, 40000, "local", "nfs"), tt.host, 1.3, 1), Options{})
			if v.Outcome() != Inconclusive || !strings.HasPrefix(v.Headline(), "inconclusive: host too noisy to judge") {
				t.Fatalf("outcome %s: %s", v.Outcome(), v.Headline())
			}
			local := rowOf(v, "small/local/ready")
			if local.Status != StatusInconclusive || !strings.Contains(local.Reason, tt.why) {
				t.Errorf("local/ready: %s, %q; want inconclusive naming %q", local.Status, local.Reason, tt.why)
			}
			nfs := rowOf(v, "small/nfs/ready")
			if nfs.Status != StatusInconclusive || nfs.Paired == nil || nfs.Paired.Status != StatusUnchanged ||
				!strings.Contains(nfs.Reason, "within the host's reach") {
				t.Errorf("nfs/ready: %s (%s); want inconclusive, its unchanged paired ratio within the host's reach", nfs.Status, nfs.Reason)
			}
			if len(v.Regressions) != 0 {
				t.Errorf("regressions on a noisy host: %+v", v.Regressions)
			}
		})
	}
}

// TestPairedRatioClearsWhenTheHostCannotHideAChange: three of ten new
// nfs runs were contended (others' CPU 50 % during them, 47 points
// above the steady 3 %), too many to trust its absolute +30 %; but the
// reference workload took the same time on both sides (host change 0,
// so the host could move the ratio by 0 %), and the paired ratio held:
// no regression, gated on the paired ratio.
func TestPairedRatioClearsWhenTheHostCannotHideAChange(t *testing.T) {
	base := hosted(suite(1, 10, 40000, "local", "nfs"), quietHost, 1, 1)
	contended := &results.Host{ReferenceBefore: quietHost.ReferenceBefore, During: &results.HostDuring{OthersPct: pct(50)}}
	cur := hosted(suite(2, 10, 40000, "local", "nfs"), quietHost, 1.3, 1)
	for i := range cur {
		if cur[i].Volume.Name == "nfs" && cur[i].Iteration <= 3 {
			cur[i].Host = contended
		}
	}
	v := Compare(base, cur, Options{})
	nfs := rowOf(v, "small/nfs/ready")
	if nfs.Status != StatusUnchanged || nfs.Gate != GatePaired || *nfs.Paired.HostBoundPct != 0 {
		t.Errorf("nfs/ready: %s gated on %q (%s); want unchanged on the paired ratio", nfs.Status, nfs.Gate, nfs.Reason)
	}
}

// TestNoisyHostDoesNotHideAPairedRegression: nfs 50 % slower relative
// to local on a busy host whose reference workload took 1.93× as long
// (270 ms against 140 ms): the host could move the ratio by up to
// 2 × 93 % = 186 %, so +50 % is not called a regression, but it is not
// called fine either.
func TestNoisyHostDoesNotHideAPairedRegression(t *testing.T) {
	base := hosted(suite(1, 10, 40000, "local", "nfs"), quietHost, 1, 1)
	v := Compare(base, hosted(suite(2, 10, 40000, "local", "nfs"), busyHost, 1, 1.5), Options{})
	nfs := rowOf(v, "small/nfs/ready")
	if nfs.Status != StatusInconclusive || nfs.Paired.Status != StatusRegression || !strings.Contains(nfs.Reason, "paired ratio to local") {
		t.Errorf("nfs/ready: %s (%s); want inconclusive with the paired regression named", nfs.Status, nfs.Reason)
	}
	if got := *nfs.Paired.HostChangePct; math.Abs(got-100*(270.0/140-1)) > 1e-9 {
		t.Errorf("host change %g%%, want +93%%", got)
	}
	if v.Outcome() != Inconclusive {
		t.Errorf("outcome %s, want %s", v.Outcome(), Inconclusive)
	}
}

// TestPairedRegressionBeyondTheHost is a night seen on a real gate, in
// figures:
// the new build's nfs runs take 1.7× as long, local's the same, and the
// host's reference workload is 20 % slower on every run (168 ms against
// 140: beyond the 15 % at which absolute times stop being comparable).
// The host could move the paired ratio by at most 2 × 20 % = 40 %; it
// moved by about +70 %: a regression, gated on the paired ratio. With a
// host 50 % slower (bound 100 %) the same change is inconclusive.
func TestPairedRegressionBeyondTheHost(t *testing.T) {
	base := hosted(suite(1, 6, 40000, "local", "nfs"), quietHost, 1, 1)
	for _, tt := range []struct {
		name     string
		cpuMS    float64 // the reference's CPU part; its file part is 30 ms
		status   string
		boundPct float64
	}{
		{"host 20% slower", 138, StatusRegression, 40},
		{"host 50% slower", 180, StatusInconclusive, 100},
	} {
		t.Run(tt.name, func(t *testing.T) {
			slower := &results.Host{ReferenceBefore: &results.Reference{CPUMS: tt.cpuMS, FileMS: 30, CPUSharePct: 96},
				During: &results.HostDuring{OthersPct: pct(3)}}
			v := Compare(base, hosted(suite(2, 6, 40000, "local", "nfs"), slower, 1, 1.7), Options{})
			nfs := rowOf(v, "small/nfs/ready")
			if nfs.Status != tt.status || nfs.Paired == nil || math.Abs(*nfs.Paired.HostBoundPct-tt.boundPct) > 1e-9 {
				t.Fatalf("nfs/ready: %s (%s), bound %v; want %s, bound %g%%", nfs.Status, nfs.Reason, nfs.Paired, tt.status, tt.boundPct)
			}
			if tt.status == StatusRegression {
				if nfs.Gate != GatePaired || !strings.Contains(nfs.Reason, "explains at most ±40%") || v.Outcome() != Regression {
					t.Errorf("nfs/ready gated on %q (%s), outcome %s", nfs.Gate, nfs.Reason, v.Outcome())
				}
				if !strings.Contains(v.Headline(), "small/nfs/ready (paired ratio +") {
					t.Errorf("headline %q does not name the paired change", v.Headline())
				}
			}
		})
	}
}

// TestQuietPairedRegressionWhateverTheAbsoluteTimes: on quiet hosts,
// local's runs got 25 % faster and nfs's stayed as they were: nfs's
// absolute time did not change, but its paired ratio rose by 1/0.75 =
// +33 %, far beyond what the host (no change of the reference workload)
// explains: a regression, gated on the paired ratio.
func TestQuietPairedRegressionWhateverTheAbsoluteTimes(t *testing.T) {
	base := hosted(suite(1, 10, 40000, "local", "nfs"), quietHost, 1, 1)
	v := Compare(base, hosted(suite(2, 10, 40000, "local", "nfs"), quietHost, 0.75, 1/0.75), Options{})
	nfs := rowOf(v, "small/nfs/ready")
	if nfs.Status != StatusRegression || nfs.Gate != GatePaired || math.Abs(nfs.ChangePct) > 10 {
		t.Errorf("nfs/ready: %s gated on %q, absolute %+.1f%% (%s)", nfs.Status, nfs.Gate, nfs.ChangePct, nfs.Reason)
	}
	if local := rowOf(v, "small/local/ready"); local.Status != StatusImprovement || local.Gate != GateAbsolute {
		t.Errorf("local/ready: %s gated on %q", local.Status, local.Gate)
	}
}

// TestQuietHostsGateOnAbsoluteTimes: the same regression between quiet
// hosts is a regression, gated on the absolute time.
func TestQuietHostsGateOnAbsoluteTimes(t *testing.T) {
	base := hosted(suite(1, 10, 40000, "local", "nfs"), quietHost, 1, 1)
	v := Compare(base, hosted(suite(2, 10, 40000, "local", "nfs"), quietHost, 1, 1.5), Options{})
	nfs := rowOf(v, "small/nfs/ready")
	if v.Outcome() != Regression || nfs.Status != StatusRegression || nfs.Gate != GateAbsolute {
		t.Errorf("outcome %s, nfs/ready %s gated on %q", v.Outcome(), nfs.Status, nfs.Gate)
	}
	if v.Host.BaselineMeasured != 20 || v.Host.CurrentBusy != 0 || v.Host.SpeedDiffers {
		t.Errorf("host comparison %+v", v.Host)
	}
}

// TestNoisyBaselineCannotVouchForNoChange: a baseline taken on a busy
// host could hide a regression, so "unchanged" needs the paired ratio,
// and the paired ratio only vouches beyond the host's reach: the busy
// baseline's reference workload took 270 ms against 140 ms now, a
// change (the baseline's host 93 % slower) that could move the ratio
// by 2 × 93 %. Inconclusive.
func TestNoisyBaselineCannotVouchForNoChange(t *testing.T) {
	base := hosted(suite(1, 10, 40000, "local", "nfs"), busyHost, 1, 1)
	v := Compare(base, hosted(suite(2, 10, 40000, "local", "nfs"), quietHost, 1, 1), Options{})
	if r := rowOf(v, "small/local/ready"); r.Status != StatusInconclusive || !strings.Contains(r.Reason, "baseline runs on a busy host") {
		t.Errorf("local/ready: %s, %q", r.Status, r.Reason)
	}
	if r := rowOf(v, "small/nfs/ready"); r.Status != StatusInconclusive || !strings.Contains(r.Reason, "within the host's reach") {
		t.Errorf("nfs/ready: %s (%s); want inconclusive", r.Status, r.Reason)
	}
}

// TestRegressionBeyondTheHost: on a host whose reference workload ran
// 2× slower (busyHost: 270 ms against 140 ms), a start 3× slower could
// be the host's (inconclusive), one 10× slower cannot: it regressed.
func TestRegressionBeyondTheHost(t *testing.T) {
	base := hosted(suite(1, 10, 40000, "local"), quietHost, 1, 1)
	for _, tt := range []struct {
		name   string
		factor float64
		status string
	}{
		{"within the host's slowdown", 3, StatusInconclusive},
		{"far beyond it", 10, StatusRegression},
	} {
		t.Run(tt.name, func(t *testing.T) {
			v := Compare(base, hosted(suite(2, 10, 40000, "local"), busyHost, tt.factor, 1), Options{})
			row := rowOf(v, "small/local/ready")
			if row.Status != tt.status {
				t.Fatalf("local/ready %s (%s); want %s", row.Status, row.Reason, tt.status)
			}
			if tt.status == StatusRegression && !strings.Contains(row.Reason, "explains at most") {
				t.Errorf("reason %q does not say why the host cannot explain it", row.Reason)
			}
		})
	}
}
