package subject

import "time"

// Failover actions: what happens to a controller that is fully up.
const (
	// FailoverDelete deletes its pod; the StatefulSet makes a new one.
	FailoverDelete = "delete"
	// FailoverDrain cordons its node and evicts the pod, as kubectl drain
	// does; the new pod must land on another node.
	FailoverDrain = "drain"
)

// Failover is one way of losing a running controller, timed until the
// replacement is fully up. A scenario with failovers makes, for each run
// on each volume, a cold start and then every failover in turn; the
// failovers are recorded as scenario "NAME.failover-LABEL".
type Failover struct {
	// Action is FailoverDelete or FailoverDrain.
	Action string
	// Grace is the pod's termination grace period; nil keeps the pod's
	// own (30 s unless the scenario sets it).
	Grace *time.Duration
	// Label names the failover in results: "delete", "delete-grace0s".
	Label string
}

// GraceSeconds is Grace in whole seconds, as Kubernetes takes it; nil
// when Grace is.
func (f Failover) GraceSeconds() *int64 {
	if f.Grace == nil {
		return nil
	}
	s := int64(*f.Grace / time.Second)
	return &s
}
