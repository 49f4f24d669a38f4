package subject

import (
	"strconv"
	"time"
)

// Failover actions: what happens to a controller that is fully up.
const (
	// FailoverDelete deletes its pod; the StatefulSet makes a new one.
	FailoverDelete = "delete"
	// FailoverDrain cordons its node and evicts the pod, as kubectl drain
	// does; the new pod must land on another node.
	FailoverDrain = "drain"
	// FailoverNodeLoss powers its node off: nothing graceful runs, the
	// node's heartbeats stop, and the cluster finds out as Recovery says.
	FailoverNodeLoss = "node-loss"
	// FailoverZoneLoss powers off every node of its node's zone.
	FailoverZoneLoss = "zone-loss"
)

// Recovery paths: how the cluster finds out that a lost node's pod is
// gone, the platform team's choice, which dominates a node loss.
const (
	// RecoveryNone leaves it to Kubernetes' defaults: the pod is evicted
	// from the unreachable node (300 s after NotReady by default) but the
	// StatefulSet does not replace it until the pod object is gone, which
	// a dead kubelet never confirms.
	RecoveryNone = "none"
	// RecoveryForceDelete force-deletes the pod (grace 0) After the node
	// is NotReady, as an operator or a controller does.
	RecoveryForceDelete = "force-delete"
	// RecoveryOutOfService taints the node node.kubernetes.io/out-of-service
	// After it is NotReady: Kubernetes' non-graceful node shutdown, whose
	// pod garbage collector deletes the pod and whose attach/detach
	// controller detaches its volumes at once.
	RecoveryOutOfService = "out-of-service"
	// RecoveryDeleteNode deletes the Node object After it is NotReady, as
	// a cloud's node controller does when the instance is gone.
	RecoveryDeleteNode = "delete-node"
)

// Failure classes a scenario may ask the controller to survive
// (`survive:`), each met by the failovers of its actions.
const (
	SurvivePod  = "pod"  // a pod deleted, gracefully or not
	SurviveNode = "node" // a node drained or lost
	SurviveZone = "zone" // every node of a zone lost
)

// Failover is one way of losing a running controller, timed until the
// replacement is fully up. A scenario with failovers makes, for each run
// on each volume, a cold start and then every failover in turn; the
// failovers are recorded as scenario "NAME.failover-LABEL".
type Failover struct {
	// Action is one of the Failover* actions.
	Action string
	// Grace is the pod's termination grace period; nil keeps the pod's
	// own (30 s unless the scenario sets it).
	Grace *time.Duration
	// Recovery is the path a node or zone loss recovers by (Recovery*),
	// After the delay from the node's NotReady to the path's action.
	Recovery string
	After    time.Duration
	// PowerOff is the shell command that cuts a node's power, run once
	// per lost node with NODE, NODE_PROVIDER_ID and NODE_ZONE in its
	// environment; PowerOn brings the node back once the failover is
	// measured (and when the run ends, also after Ctrl-C).
	PowerOff, PowerOn string
	// Label names the failover in results: "delete", "delete-grace0s",
	// "node-loss-force-delete-10s".
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

// LosesNode tells a failover that takes the pod's node away (a node or a
// zone lost): its volume must follow the pod to another node.
func (f Failover) LosesNode() bool {
	return f.Action == FailoverNodeLoss || f.Action == FailoverZoneLoss
}

// MovesPod tells a failover after which the replacement must run on
// another node than its predecessor's.
func (f Failover) MovesPod() bool { return f.Action == FailoverDrain || f.LosesNode() }

// Survives names the failure class a failover stands for: SurvivePod,
// SurviveNode or SurviveZone.
func (f Failover) Survives() string { return FailureClass(f.Action) }

// FailureClass is the failure class of a failover action.
func FailureClass(action string) string {
	switch action {
	case FailoverDrain, FailoverNodeLoss:
		return SurviveNode
	case FailoverZoneLoss:
		return SurviveZone
	}
	return SurvivePod
}

// MakeLabel names a failover from its settings.
func (f Failover) MakeLabel() string {
	l := f.Action
	if f.Grace != nil {
		l += "-grace" + strconv.FormatInt(*f.GraceSeconds(), 10) + "s"
	}
	if f.LosesNode() {
		l += "-" + f.Recovery
		if f.Recovery != RecoveryNone && f.After > 0 {
			l += "-" + strconv.FormatInt(int64(f.After/time.Second), 10) + "s"
		}
	}
	return l
}
