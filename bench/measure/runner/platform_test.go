package runner

import (
	"context"
	"testing"
	"time"

	"github.com/jsbench/jsbench/bench/observe/jenkinslog"
	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/bench/runtime/contract"
)

// platformInstance is an Instance whose platform reports fixed steps.
type platformInstance struct {
	contract.Instance
	started time.Time
	report  contract.PlatformReport
}

func (p platformInstance) StartedAt() time.Time                           { return p.started }
func (p platformInstance) Report(context.Context) contract.PlatformReport { return p.report }

// TestRecordPlatform checks that a platform's phases come first, that
// the entrypoint starts at the container's start rather than at the run's, and
// that a failed start takes the platform's reason.
func TestRecordPlatform(t *testing.T) {
	start := time.Date(2026, 11, 26, 1, 0, 0, 0, time.UTC)
	log := func(offset time.Duration, text string) jenkinslog.Line {
		return jenkinslog.Line{Text: text, Received: start.Add(offset)}
	}
	inst := platformInstance{started: start, report: contract.PlatformReport{
		Phases:           []results.Phase{{Name: "schedule", DurationMS: 1000}, {Name: "container_start", StartMS: 1000, DurationMS: 2000}},
		ContainerStarted: start.Add(3 * time.Second),
		Facts:            map[string]string{"snapshot_files": "12"},
		Failure:          "container jenkins OOMKilled",
	}}
	obs := &observation{parser: jenkinslog.NewParser(jenkinslog.Options{}), status: results.StatusOK}
	for _, l := range []jenkinslog.Line{
		log(3500*time.Millisecond, "Running from: /usr/share/jenkins/jenkins.war"),
		log(3600*time.Millisecond, "2026-11-26 01:00:03.600+0000 [id=1]\tINFO\twinstone.Logger#logInternal: Beginning extraction from war file"),
		log(5*time.Second, "2026-11-26 01:00:05.000+0000 [id=26]\tINFO\thudson.lifecycle.Lifecycle#onReady: Jenkins is fully up and running"),
	} {
		obs.feed(l)
	}
	rec := results.Record{Volume: results.Volume{Params: map[string]string{}}}
	record(context.Background(), inst, obs, &rec)
	if len(rec.Phases) < 3 || rec.Phases[0].Name != "schedule" || rec.Phases[2].Name != PhaseEntrypoint {
		t.Fatalf("phases %+v: want the platform's, then the entrypoint", rec.Phases)
	}
	if entry := rec.Phases[2]; entry.StartMS != 3000 || entry.DurationMS != 500 {
		t.Errorf("entrypoint %+v: want it from the container's start (3000 ms) to \"Running from:\" (3500 ms)", entry)
	}
	if rec.ReadyMS != 5000 || rec.Volume.Params["snapshot_files"] != "12" {
		t.Errorf("ready %v ms, params %v: want ready from the run's start, facts merged", rec.ReadyMS, rec.Volume.Params)
	}
	if rec.Reason != "" {
		t.Errorf("a start that came up took the platform's failure %q", rec.Reason)
	}
	failed := &observation{parser: jenkinslog.NewParser(jenkinslog.Options{}), status: results.StatusFailed, reason: "exited before fully up"}
	rec = results.Record{Volume: results.Volume{Params: map[string]string{}}}
	record(context.Background(), inst, failed, &rec)
	if rec.Reason != "container jenkins OOMKilled" {
		t.Errorf("reason %q, want the platform's", rec.Reason)
	}
}
