package report

import (
	"slices"
	"testing"

	"github.com/jsbench/jsbench/bench/analyze/stats"
)

// TestPhasesKeepTheRunsOrder lists a phase only one volume went through
// (a snapshot before the claim, an attach after scheduling) where that
// volume's runs went through it, not after every other phase.
func TestPhasesKeepTheRunsOrder(t *testing.T) {
	summary := func(volume, phase string) stats.Summary {
		return stats.Summary{Key: stats.Key{Scenario: "s", Volume: volume, Phase: phase}}
	}
	groups := groupByScenario([]stats.Summary{
		summary("local", "pvc_bind"), summary("local", "schedule"), summary("local", "pod_setup"),
		summary("moved", "snapshot"), summary("moved", "pvc_bind"), summary("moved", "schedule"),
		summary("moved", "attach"), summary("moved", "pod_setup"),
	})
	want := []string{"snapshot", "pvc_bind", "schedule", "attach", "pod_setup"}
	if len(groups) != 1 || !slices.Equal(groups[0].phases.Names(), want) {
		t.Fatalf("phases %v, want %v", groups[0].phases.Names(), want)
	}
}
