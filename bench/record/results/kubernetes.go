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

// Failover describes how the controller of a failover run was lost.
type Failover struct {
	// Action is "delete" or "drain"; GraceS the termination grace period
	// in seconds (absent: the pod's own).
	Action string `json:"action"`
	GraceS *int64 `json:"grace_s,omitempty"`
	// DowntimeMS runs from the request that lost the controller to the
	// replacement's first HTTP 200 on /login (ReadyMS ends at its
	// "fully up" line).
	DowntimeMS float64 `json:"downtime_ms,omitempty"`
}
