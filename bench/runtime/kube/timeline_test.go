package kube

import (
	"testing"
	"time"

	"github.com/jsbench/jsbench/bench/record/results"
)

func TestPhases(t *testing.T) {
	step := func(name string, ms float64) results.Step { return results.Step{Name: name, OffsetMS: ms} }
	type want struct {
		name       string
		start, dur float64
		skipped    bool
	}
	for _, tc := range []struct {
		name     string
		steps    []results.Step
		failover bool
		move     bool
		want     []want
	}{
		{
			name: "cold start on a hostPath volume, no restore",
			steps: []results.Step{step(stepPodCreated, 50), step(stepClaimBound, 100), step(stepPodScheduled, 130),
				step(stepSandboxReady, 1500), step(stepImageReady, 1500), step(stepContainerStarted, 2600)},
			// Each phase runs from the milestone before it; the image
			// check that is also the sandbox's end lasts nothing.
			want: []want{{"pvc_bind", 0, 100, false}, {"schedule", 100, 30, false}, {"attach_wait", 0, 0, true}, {"attach", 0, 0, true},
				{"pod_setup", 130, 1370, false}, {"init_restore", 0, 0, true}, {"image", 1500, 0, false},
				{"container_start", 1500, 1100, false}},
		},
		{
			name: "a status received after a later event is taken to have happened by then",
			steps: []results.Step{step(stepClaimBound, 10), step(stepPodScheduled, 20), step(stepSandboxReady, 1000),
				step(stepInitStarted, 1100), step(stepImageReady, 3000), step(stepInitFinished, 3050), step(stepContainerStarted, 4000)},
			want: []want{{"pvc_bind", 0, 10, false}, {"schedule", 10, 10, false}, {"attach_wait", 0, 0, true}, {"attach", 0, 0, true},
				{"pod_setup", 20, 980, false}, {"init_restore", 1000, 2000, false}, {"image", 3000, 0, false},
				{"container_start", 3000, 1000, false}},
		},
		{
			// The nfs-lan force-delete node loss of make bench-k8s, rounded:
			// the node NotReady 44.6 s after the power-off, the pod
			// force-deleted 10 s later, its object gone at once.
			name:     "node loss recovered by a forced deletion",
			failover: true,
			steps: []results.Step{step(stepDeleteRequested, 0), step(stepPowerOff, 500), step(stepNodeNotReady, 44600),
				step(stepNodeTainted, 44600), step(stepRecoveryAction, 54700), step(stepPodMarked, 54700), step(stepPodGone, 54710),
				step(stepPodCreated, 54720), step(stepPodScheduled, 54750), step(stepSandboxReady, 56000), step(stepImageReady, 56000),
				step(stepContainerStarted, 56500)},
			want: []want{{"node_detect", 0, 44600, false}, {"recovery_wait", 44600, 10100, false}, {"terminating", 54700, 10, false},
				{"detach", 0, 0, true}, {"pvc_bind", 0, 0, true}, {"schedule", 54710, 40, false}, {"attach_wait", 0, 0, true},
				{"attach", 0, 0, true}, {"pod_setup", 54750, 1250, false}, {"init_restore", 0, 0, true}, {"image", 56000, 0, false},
				{"container_start", 56000, 500, false}},
		},
		{
			name:     "failover on the same node: no claim, no detach, no attach",
			failover: true,
			steps: []results.Step{step(stepDeleteRequested, 0), step(stepPodGone, 3000), step(stepPodCreated, 3050),
				step(stepPodScheduled, 3100), step(stepSandboxReady, 4000), step(stepImageReady, 4000), step(stepContainerStarted, 5000)},
			want: []want{{"terminating", 0, 3000, false}, {"detach", 0, 0, true}, {"pvc_bind", 0, 0, true},
				{"schedule", 3000, 100, false}, {"attach_wait", 0, 0, true}, {"attach", 0, 0, true}, {"pod_setup", 3100, 900, false},
				{"init_restore", 0, 0, true}, {"image", 4000, 0, false}, {"container_start", 4000, 1000, false}},
		},
		{
			name: "a home moved by snapshot onto an attached volume",
			move: true,
			steps: []results.Step{step(stepSnapshotReady, 11000), step(stepClaimBound, 14000), step(stepPodCreated, 11050),
				step(stepPodScheduled, 14100), step(stepAttachRequested, 14150), step(stepVolumeAttached, 16950),
				step(stepSandboxReady, 17500), step(stepImageReady, 17500), step(stepContainerStarted, 18000)},
			want: []want{{"snapshot", 0, 11000, false}, {"pvc_bind", 11000, 3000, false}, {"schedule", 14000, 100, false},
				{"attach_wait", 14100, 50, false}, {"attach", 14150, 2800, false}, {"pod_setup", 16950, 550, false},
				{"init_restore", 0, 0, true}, {"image", 17500, 0, false}, {"container_start", 17500, 500, false}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := phases(tc.steps, tc.failover, tc.move)
			if len(got) != len(tc.want) {
				t.Fatalf("got %d phases %+v, want %d", len(got), got, len(tc.want))
			}
			sum := 0.0
			for i, w := range tc.want {
				g := got[i]
				if g.Name != w.name || g.StartMS != w.start || g.DurationMS != w.dur || g.Skipped != w.skipped {
					t.Errorf("phase %d = %+v, want %+v", i, g, w)
				}
				sum += g.DurationMS
			}
			last := tc.steps[len(tc.steps)-1].OffsetMS
			if sum != last {
				t.Errorf("phases add up to %.0f ms, want the container's start at %.0f ms", sum, last)
			}
		})
	}
}

func TestStartedByFirstLine(t *testing.T) {
	origin := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	steps := []results.Step{{Name: stepImageReady, OffsetMS: 1000}, {Name: stepContainerStarted, OffsetMS: 2500}}
	got := startedByFirstLine(append([]results.Step(nil), steps...), origin, origin.Add(1800*time.Millisecond))
	if got[1].OffsetMS != 1800 {
		t.Errorf("container start at %v ms, want 1800 (its first line came before the status)", got[1].OffsetMS)
	}
	got = startedByFirstLine(append([]results.Step(nil), steps...), origin, origin.Add(3*time.Second))
	if got[1].OffsetMS != 2500 {
		t.Errorf("container start at %v ms, want 2500 (a later first line changes nothing)", got[1].OffsetMS)
	}
}
