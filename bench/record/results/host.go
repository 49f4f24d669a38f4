package results

// Host is what the machine was doing around one run, so that a run
// taken on a busy host can be told from a quiet one (bench/analyze/noise judges
// it). CPU shares are percentages of the whole machine's capacity
// (every CPU over the window); PSI figures are the share of the window
// in which some (or all) tasks stalled, as /proc/pressure counts it.
type Host struct {
	// CPUs is the number of CPUs the figures are shares of.
	CPUs int `json:"cpus"`
	// ReferenceBefore and ReferenceAfter time the fixed reference
	// workload (bench/observe/yardstick) just before the run and just after its
	// cleanup: the same work every time, so their times say how fast the
	// host was at that moment.
	ReferenceBefore *Reference `json:"reference_before,omitempty"`
	ReferenceAfter  *Reference `json:"reference_after,omitempty"`
	// During covers the run itself, from the subject's start to ready
	// (or to its failure or timeout).
	During *HostDuring `json:"during,omitempty"`
	// Warnings say what could not be measured and why (no PSI in this
	// kernel, no cgroup for the subject).
	Warnings []string `json:"warnings,omitempty"`
}

// Reference is one run of the reference workload: fixed CPU work on
// every CPU, then fixed small-file work on local disk.
type Reference struct {
	// CPUMS and FileMS are the wall times of its two parts.
	CPUMS  float64 `json:"cpu_ms"`
	FileMS float64 `json:"file_ms"`
	// Workers is how many goroutines shared the CPU part (one per CPU).
	Workers int `json:"workers"`
	// CPUSharePct is the CPU time the CPU part got, in percent of what
	// its workers asked for (wall time × workers): near 100 on an idle
	// host, about 50 when as many other busy tasks as CPUs compete.
	CPUSharePct float64 `json:"cpu_share_pct"`
	// StealPct is the CPU time the hypervisor gave to other guests while
	// the workload ran, in percent of the machine's capacity.
	StealPct float64 `json:"steal_pct"`
	// CPUPressurePct is the share of the workload's time in which some
	// runnable task waited for a CPU (PSI "cpu some"); absent without PSI.
	CPUPressurePct *float64 `json:"cpu_pressure_pct,omitempty"`
	// SettleMS is how long the file system of the workload's directory
	// took to write back what was pending (syncfs) before the workload
	// ran: what the run just measured had written and removed there.
	SettleMS float64 `json:"settle_ms,omitempty"`
}

// HostDuring are the host's figures over one run.
type HostDuring struct {
	WallMS float64 `json:"wall_ms"`
	// BusyPct is every CPU's time running tasks; SubjectPct the
	// subject's own (its cgroup, or its process tree's root);
	// HarnessPct jsbench's own (log parsing, the emulated volume's
	// server); OthersPct the rest: other work on the host, and the
	// container runtime's daemons. SubjectPct and OthersPct are absent
	// when the subject's CPU time could not be read.
	BusyPct    float64  `json:"busy_pct"`
	SubjectPct *float64 `json:"subject_cpu_pct,omitempty"`
	HarnessPct float64  `json:"harness_cpu_pct"`
	OthersPct  *float64 `json:"others_cpu_pct,omitempty"`
	StealPct   float64  `json:"steal_pct"`
	IOWaitPct  float64  `json:"iowait_pct"`
	// RunQueueMean and RunQueueMax count runnable tasks (procs_running
	// of /proc/stat, the subject's included), sampled every 100 ms.
	RunQueueMean float64 `json:"run_queue_mean"`
	RunQueueMax  int     `json:"run_queue_max"`
	// Load1Start and Load1End are the 1-minute load average at the start
	// and at the end.
	Load1Start float64 `json:"load1_start"`
	Load1End   float64 `json:"load1_end"`
	// PSI is the host's pressure stall information over the run; absent
	// when the kernel has none (see Host.Warnings).
	PSI *Pressure `json:"psi,omitempty"`
	// Throttle is the CFS bandwidth throttling of the subject's cgroup:
	// its CPU limit at work, not the neighbours'.
	Throttle *Throttle `json:"throttle,omitempty"`
}

// Pressure holds PSI shares of a window, in percent.
type Pressure struct {
	CPUSomePct    float64 `json:"cpu_some_pct"`
	MemorySomePct float64 `json:"memory_some_pct"`
	MemoryFullPct float64 `json:"memory_full_pct"`
	IOSomePct     float64 `json:"io_some_pct"`
	IOFullPct     float64 `json:"io_full_pct"`
}

// Throttle counts CFS bandwidth periods of a cgroup over a window.
type Throttle struct {
	// Cgroup names the hierarchy and path read ("v1 /docker/3f2a…",
	// "v2 /system.slice/…").
	Cgroup           string  `json:"cgroup"`
	Periods          int64   `json:"periods"`
	ThrottledPeriods int64   `json:"throttled_periods"`
	ThrottledMS      float64 `json:"throttled_ms"`
}
