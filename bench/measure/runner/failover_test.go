package runner

import (
	"context"
	"testing"
	"time"

	"github.com/jsbench/jsbench/bench/observe/jenkinslog"
	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/bench/runtime/contract"
)

// TestFailoverFactsAndDataLoss: the platform's account of a node loss
// joins the record the runner made, and a restore's data loss follows
// from the volume's backup interval: one backup every 24 h, a failure at
// a uniformly random moment between two, so the restored backup is on
// average 12 h (43,200 s) old and at worst 24 h (86,400 s). A home kept
// on its node loses nothing.
func TestFailoverFactsAndDataLoss(t *testing.T) {
	for _, c := range []struct {
		name                string
		restored            bool
		wantExpect, wantMax float64
	}{
		{"restored", true, 43200, 86400},
		{"kept", false, 0, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			inst := platformInstance{started: time.Now(), report: contract.PlatformReport{Failover: &results.Failover{
				Recovery: "force-delete", AfterS: 10, FromNode: "jsbench-a", LostNodes: []string{"jsbench-a"}, Restored: &c.restored}}}
			obs := &observation{parser: jenkinslog.NewParser(jenkinslog.Options{}), status: results.StatusOK}
			rec := results.Record{Volume: results.Volume{Params: map[string]string{"backup_every": (24 * time.Hour).String()}},
				Failover: &results.Failover{Action: "node-loss"}}
			record(context.Background(), inst, obs, &rec)
			dataLoss(rec.Failover, rec.Volume.Params["backup_every"])
			f := rec.Failover
			if f.Action != "node-loss" || f.Recovery != "force-delete" || f.FromNode != "jsbench-a" || len(f.LostNodes) != 1 {
				t.Errorf("failover %+v: want the runner's action and the platform's facts", f)
			}
			if f.DataLossExpectedS != c.wantExpect || f.DataLossMaxS != c.wantMax {
				t.Errorf("data loss %v s expected, %v s at worst; want %v and %v", f.DataLossExpectedS, f.DataLossMaxS, c.wantExpect, c.wantMax)
			}
		})
	}
}
