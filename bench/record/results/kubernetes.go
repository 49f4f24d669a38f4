package results

import "time"

// Kubernetes is what the cluster reported about a run of the Kubernetes
// runtime. Its steps are the moments jsbench received each watch event
// (milliseconds, on jsbench's clock, from the run's start), with the
// API's own timestamp beside them: Kubernetes stamps conditions and
// events to the second only, so the receipt time is the measure.
type Kubernetes struct {
	// Server is the API server's address, Version its version.
	Server  string `json:"server,omitempty"`
	Version string `json:"server_version,omitempty"`
	// Namespace, Pod and Node say where the controller ran.
	Namespace string `json:"namespace"`
	Pod       string `json:"pod,omitempty"`
	Node      string `json:"node,omitempty"`
	// Claim, StorageClass, PV and ReclaimPolicy describe the volume.
	Claim         string `json:"claim,omitempty"`
	StorageClass  string `json:"storage_class,omitempty"`
	PV            string `json:"pv,omitempty"`
	ReclaimPolicy string `json:"reclaim_policy,omitempty"`
	// ClockOffsetMS is the node's clock minus jsbench's; ClockSource says
	// how it was found: "same host" when jsbench runs on the node (0), or
	// from the node's lease renewals, a lower bound. Container log
	// timestamps are the node's clock, never corrected by it.
	ClockOffsetMS float64 `json:"clock_offset_ms"`
	ClockSource   string  `json:"clock_source"`
	// Steps are the milestones seen, in the order they were received.
	Steps []Step `json:"steps,omitempty"`
	// Events are the cluster's events about the run's objects (warnings
	// always, all of them for a failed run), oldest first.
	Events []string `json:"events,omitempty"`
}

// Step is one milestone of a Kubernetes run.
type Step struct {
	// Name is the milestone: claim_bound, pod_created, pod_scheduled,
	// volume_attached, sandbox_ready, init_started, init_finished, image_ready,
	// container_started; for failovers also delete_requested, pod_gone
	// and volume_detached.
	Name string `json:"name"`
	// OffsetMS is jsbench's receipt time of the watch event that showed
	// the milestone, from the run's start.
	OffsetMS float64 `json:"offset_ms"`
	// APITime is the API's own timestamp of it (one-second resolution),
	// when the object carries one.
	APITime *time.Time `json:"api_time,omitempty"`
}

// Failover describes how the controller of a failover run was lost and
// how it came back.
type Failover struct {
	// Action is "delete", "drain", "node-loss" or "zone-loss"; GraceS the
	// termination grace period in seconds (absent: the pod's own).
	Action string `json:"action"`
	GraceS *int64 `json:"grace_s,omitempty"`
	// Recovery is how a node or zone loss was recovered from ("none",
	// "force-delete", "out-of-service", "delete-node"), AfterS its delay
	// from the node's NotReady.
	Recovery string  `json:"recovery,omitempty"`
	AfterS   float64 `json:"after_s,omitempty"`
	// FromNode is the lost pod's node, LostNodes the nodes powered off
	// (node and zone losses), Zone their zone.
	FromNode  string   `json:"from_node,omitempty"`
	LostNodes []string `json:"lost_nodes,omitempty"`
	Zone      string   `json:"zone,omitempty"`
	// Outcome is OutcomeRecovered, OutcomeNotRecovered (the cluster
	// cannot bring the controller back on this storage after this
	// failure: a volume bound to the lost node, a StatefulSet waiting for
	// a pod no kubelet will confirm) or OutcomeFailed (the replacement
	// failed for another reason); Reason of the record says why.
	Outcome string `json:"outcome,omitempty"`
	// Restored is true when the replacement's restore init container
	// restored the backup (the home did not survive), false when it kept
	// the home it found.
	Restored *bool `json:"restored,omitempty"`
	// DataLossExpectedS and DataLossMaxS are what a restore loses: the
	// changes since the last backup, half the volume's backup_every on
	// average and all of it at worst; absent when nothing was restored
	// or the volume gives no backup_every.
	DataLossExpectedS float64 `json:"data_loss_expected_s,omitempty"`
	DataLossMaxS      float64 `json:"data_loss_max_s,omitempty"`
	// Timers are the cluster's timers the failover was measured under
	// (the local cluster's ConfigMap jsbench-cluster: node-monitor grace
	// period, eviction tolerations, pod GC, the attach/detach
	// controller's wait), by name.
	Timers map[string]string `json:"timers,omitempty"`
	// DowntimeMS runs from the request that lost the controller to the
	// replacement's first HTTP 200 on /login (ReadyMS ends at its
	// "fully up" line).
	DowntimeMS float64 `json:"downtime_ms,omitempty"`
}

// Failover outcomes.
const (
	OutcomeRecovered    = "recovered"
	OutcomeNotRecovered = "not_recovered"
	OutcomeFailed       = "failed"
)
