package compare

import (
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
// host's slowdown: inconclusive. nfs's ready time is judged on its
// paired ratio to local, which held: no regression there.
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
			if nfs.Status != StatusUnchanged || nfs.Gate != GatePaired || nfs.Paired == nil || nfs.Paired.Status != StatusUnchanged {
				t.Errorf("nfs/ready: %s gated on %q, paired %+v; want unchanged on the paired ratio", nfs.Status, nfs.Gate, nfs.Paired)
			}
			if len(v.Regressions) != 0 {
				t.Errorf("regressions on a noisy host: %+v", v.Regressions)
			}
		})
	}
}

// TestNoisyHostDoesNotHideAPairedRegression: nfs 50 % slower relative
// to local on a busy host is not called a regression (the host could
// have made it), but it is not called fine either.
func TestNoisyHostDoesNotHideAPairedRegression(t *testing.T) {
	base := hosted(suite(1, 10, 40000, "local", "nfs"), quietHost, 1, 1)
	v := Compare(base, hosted(suite(2, 10, 40000, "local", "nfs"), busyHost, 1, 1.5), Options{})
	nfs := rowOf(v, "small/nfs/ready")
	if nfs.Status != StatusInconclusive || nfs.Paired.Status != StatusRegression || !strings.Contains(nfs.Reason, "paired ratio to local") {
		t.Errorf("nfs/ready: %s (%s); want inconclusive with the paired regression named", nfs.Status, nfs.Reason)
	}
	if v.Outcome() != Inconclusive {
		t.Errorf("outcome %s, want %s", v.Outcome(), Inconclusive)
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
// host could hide a regression, so "unchanged" needs the paired ratio.
func TestNoisyBaselineCannotVouchForNoChange(t *testing.T) {
	base := hosted(suite(1, 10, 40000, "local", "nfs"), busyHost, 1, 1)
	v := Compare(base, hosted(suite(2, 10, 40000, "local", "nfs"), quietHost, 1, 1), Options{})
	if r := rowOf(v, "small/local/ready"); r.Status != StatusInconclusive || !strings.Contains(r.Reason, "baseline runs on a busy host") {
		t.Errorf("local/ready: %s, %q", r.Status, r.Reason)
	}
	if r := rowOf(v, "small/nfs/ready"); r.Status != StatusUnchanged || r.Gate != GatePaired {
		t.Errorf("nfs/ready: %s gated on %q; want unchanged on the paired ratio", r.Status, r.Gate)
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
