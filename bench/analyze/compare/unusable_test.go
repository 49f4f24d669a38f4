package compare

import (
	"reflect"
	"testing"

	"github.com/jsbench/jsbench/bench/analyze/stats"
)

// TestUnusableLinesPerVolume: rows unusable for one reason in every
// phase of a volume make one line; rows of another reason, and problems
// of no row, lines of their own.
func TestUnusableLinesPerVolume(t *testing.T) {
	tooFew := "too few successful runs (baseline 6, new 2; need 3 a side)"
	var v Verdict
	for _, phase := range []string{"fully_up", "ready", "war_extraction"} {
		v.add(Row{Key: stats.Key{Scenario: "s", Volume: "local", Phase: phase}, Status: StatusUnusable, Reason: tooFew})
	}
	v.add(Row{Key: stats.Key{Scenario: "s", Volume: "nfs", Phase: "ready"}, Status: StatusUnusable, Reason: tooFew})
	v.add(Row{Key: stats.Key{Scenario: "s", Volume: "nfs", Phase: "fully_up"}, Status: StatusUnchanged})
	v.Unusable = append(v.Unusable, `scenario "s" on volume "efs": only in the baseline`)
	want := []string{
		"s/local: " + tooFew + ", in all 3 phases",
		"s/nfs: " + tooFew + ", in phase ready",
		`scenario "s" on volume "efs": only in the baseline`,
	}
	if got := v.UnusableLines(); !reflect.DeepEqual(got, want) {
		t.Errorf("UnusableLines =\n%q\nwant\n%q", got, want)
	}
	if got := v.Headline(); got != "unusable input: "+want[0]+"; and 2 more (3 in all)" {
		t.Errorf("Headline = %q", got)
	}
}
