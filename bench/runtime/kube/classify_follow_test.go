package kube

import "testing"

// TestCannotFollow reads the scheduler's messages: a failover's
// replacement whose volume is bound to nodes it cannot use does not
// recover, in kube-scheduler v1.34's words and in the older ones; other
// scheduling failures, and a first start, may still clear.
func TestCannotFollow(t *testing.T) {
	const v134 = "0/2 nodes are available: 1 node(s) didn't match PersistentVolume's node affinity, 1 node(s) were unschedulable."
	const older = "0/2 nodes are available: 1 node(s) had volume node affinity conflict, 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }."
	for _, c := range []struct {
		name            string
		failover        bool
		kind, reason    string
		message         string
		wantNotRecovers bool
	}{
		{"drained local volume", true, "Pod", "FailedScheduling", v134, true},
		{"lost node, older wording", true, "Pod", "FailedScheduling", older, true},
		{"a first start", false, "Pod", "FailedScheduling", v134, false},
		{"no room", true, "Pod", "FailedScheduling", "0/2 nodes are available: 2 Insufficient cpu.", false},
		{"an attach", true, "Pod", "FailedAttachVolume", v134, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := cannotFollow(c.failover, c.kind, c.reason, c.message); (got != "") != c.wantNotRecovers {
				t.Errorf("cannotFollow = %q, want not-recovered %v", got, c.wantNotRecovers)
			}
		})
	}
}
