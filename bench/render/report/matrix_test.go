package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/jsbench/jsbench/bench/analyze/compare"
	"github.com/jsbench/jsbench/bench/record/results"
)

// failoverRun is one failover record of scenario "k8s".
func failoverRun(volume, label, action string, it int, readyMS float64, outcome string, restored *bool) results.Record {
	r := results.Record{Schema: results.Schema, Scenario: "k8s.failover-" + label, Iteration: it, Start: "failover",
		Subject: results.Subject{Kind: "sim", Simulated: true, Runtime: "kubernetes"},
		Volume:  results.Volume{Name: volume, Kind: "pvc", Params: map[string]string{}},
		Status:  results.StatusOK, ReadyMS: readyMS, RTOMS: 300_000, Survive: []string{"pod", "node"},
		Failover: &results.Failover{Action: action, Outcome: outcome, Restored: restored,
			Timers: map[string]string{"node-monitor-grace-period": "50s"}},
		Phases: []results.Phase{{Name: "node_detect", DurationMS: readyMS * 0.75}, {Name: "container_start", DurationMS: readyMS * 0.05},
			{Name: "war_extraction", DurationMS: readyMS * 0.2}},
	}
	if outcome != results.OutcomeRecovered {
		r.Status, r.ReadyMS, r.Phases, r.Reason = results.StatusFailed, 0, nil, "does not recover: the volume is bound to a node"
	}
	if restored != nil && *restored {
		r.Failover.DataLossExpectedS, r.Failover.DataLossMaxS = 43200, 86400
	}
	return r
}

// matrixRecords: local survives a pod deletion but not a node loss;
// nfs and restored survive both. runs is the number of runs of each.
// nfs's node loss takes 60.000 … 60.00(runs-1) s, restored's 61 s and up
// (restoring the nightly backup), so nfs is the faster survivor.
func matrixRecords(runs int) []results.Record {
	var recs []results.Record
	yes, no := true, false
	for it := 1; it <= runs; it++ {
		d := float64(it)
		recs = append(recs,
			failoverRun("local", "delete", "delete", it, 2000+d, results.OutcomeRecovered, nil),
			failoverRun("nfs", "delete", "delete", it, 3000+d, results.OutcomeRecovered, nil),
			failoverRun("restored", "delete", "delete", it, 2500+d, results.OutcomeRecovered, &no),
			failoverRun("local", "node-loss-force-delete-10s", "node-loss", it, 0, results.OutcomeNotRecovered, nil),
			failoverRun("nfs", "node-loss-force-delete-10s", "node-loss", it, 60000+d, results.OutcomeRecovered, nil),
			failoverRun("restored", "node-loss-force-delete-10s", "node-loss", it, 61000+d, results.OutcomeRecovered, &yes))
	}
	return recs
}

// TestRecoveryMatrix checks the matrix and its verdict by hand. Six runs
// each: the 95 % interval of a median of six is [X(1), X(6)] (coverage
// 1 − 2/64 = 96.9 %), so nfs's node loss [60.001, 60.006] s lies below
// restored's [61.001, 61.006] s: nfs is named. local does not recover
// from the node loss, so it is not a survivor however fast its pod
// deletion (2.0 s). nfs's node loss: node_detect is 0.75 of each run,
// median 0.75 × 60.0035 = 45.0 s, 75 %; container_start 5 %; the rest,
// Jenkins's start, 20 %. With three runs no interval exists (the widest,
// [X(1), X(3)], covers 1 − 2/8 = 75 %): nfs and restored are then
// indistinguishable and no winner is named.
func TestRecoveryMatrix(t *testing.T) {
	m := Build(matrixRecords(6), nil, compare.Options{})
	if len(m.Matrices) != 1 {
		t.Fatalf("%d matrices, want 1", len(m.Matrices))
	}
	mx := m.Matrices[0]
	if mx.Scenario != "k8s" || len(mx.Columns) != 2 || len(mx.Rows) != 3 {
		t.Fatalf("matrix %s: %d columns, %d rows", mx.Scenario, len(mx.Columns), len(mx.Rows))
	}
	cells := map[string][]string{}
	for _, r := range mx.Rows {
		for _, c := range r.Cells {
			cells[r.Volume] = append(cells[r.Volume], CellText(c))
		}
	}
	for vol, want := range map[string][]string{"local": {"2.00 s", "does not recover"}, "nfs": {"3.00 s", "60.0 s"}, "restored": {"2.50 s", "61.0 s ¹"}} {
		if strings.Join(cells[vol], "|") != strings.Join(want, "|") {
			t.Errorf("%s cells %q, want %q", vol, cells[vol], want)
		}
	}
	v := mx.Verdict
	if v.Winner != "nfs" || len(v.Tied) != 0 || len(v.Fallen) != 1 || v.Fallen[0].Volume != "local" {
		t.Errorf("verdict %+v, want nfs the winner, local fallen", v)
	}
	nfs := mx.Rows[1].Cells[1]
	if p := nfs.Phases; len(p) != 3 || p[0].Name != "node_detect" || int(p[0].Share*100+0.5) != 75 || p[2].Name != PhaseJenkins || int(p[2].Share*100+0.5) != 20 {
		t.Errorf("nfs node-loss phases %+v, want node_detect 75%%, container_start 5%%, jenkins_start 20%%", p)
	}
	if note := mx.LossNote(); !strings.Contains(note, "12 h on average and 1 d at worst") {
		t.Errorf("loss note %q", note)
	}
	var out bytes.Buffer
	if err := Table(&out, m); err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(out.String()), " ")
	for _, want := range []string{"Recovery matrix: k8s", "Recommended for JENKINS_HOME: nfs, the fastest storage that survives pod, node",
		"local does not survive: does not recover from node-loss-force-delete-10s", "node-monitor-grace-period 50s"} {
		if !strings.Contains(text, want) {
			t.Errorf("terminal output lacks %q:\n%s", want, out.String())
		}
	}

	few := Build(matrixRecords(3), nil, compare.Options{}).Matrices[0].Verdict
	if few.Winner != "" || len(few.Tied) != 1 || few.Tied[0] != "restored" {
		t.Errorf("three runs: verdict %+v, want nfs and restored indistinguishable", few)
	}
}
