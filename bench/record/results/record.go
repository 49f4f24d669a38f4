// Package results holds the per-run record that jsbench appends to
// results.jsonl: the seam between measuring (bench/measure/runner) and reporting
// (summaries, compare, reports). It has no dependency on Docker or FUSE.
package results

import "time"

// Versions of Record. jsbench writes Schema and reads every version
// listed in KnownSchemas; a reader refuses records of any other schema.
// A newer version only adds fields, so an older record reads as a newer
// one whose new fields are empty.
const (
	SchemaV1 = "jsbench.run/v1"
	SchemaV2 = "jsbench.run/v2"
	// Schema is the version this jsbench writes.
	Schema = SchemaV2
)

// KnownSchemas lists the versions this jsbench reads, oldest first.
var KnownSchemas = []string{SchemaV1, SchemaV2}

// IsKnownSchema reports whether records of schema s can be read.
func IsKnownSchema(s string) bool {
	for _, k := range KnownSchemas {
		if s == k {
			return true
		}
	}
	return false
}

// Status values of a run.
const (
	StatusOK      = "ok"      // the subject logged "fully up" and answered /login
	StatusFailed  = "failed"  // the subject exited or logged a boot failure
	StatusTimeout = "timeout" // the scenario's timeout elapsed before ready
	StatusError   = "error"   // the harness could not prepare or start the run
)

// PhaseInitRestore is the phase of a Kubernetes start in which an init
// container restores the backup onto the claim: part of the ready time,
// and the restore of such a run.
const PhaseInitRestore = "init_restore"

// Record is one run of one subject on one volume. Durations are
// milliseconds, named with a _ms suffix; instants are RFC 3339.
type Record struct {
	Schema       string  `json:"schema"`
	SuiteID      string  `json:"suite_id"`
	Scenario     string  `json:"scenario"`
	ScenarioFile string  `json:"scenario_file,omitempty"`
	Subject      Subject `json:"subject"`
	Volume       Volume  `json:"volume"`
	Home         Home    `json:"home"`
	Start        string  `json:"start"` // "cold", "restart" or "failover"
	Iteration    int     `json:"iteration"`
	// StopReason, on the last run of a volume in a `runs: auto` scenario,
	// says why no more runs were made.
	StopReason string    `json:"stop_reason,omitempty"`
	Warmup     bool      `json:"warmup"`
	StartedAt  time.Time `json:"started_at"`
	Status     string    `json:"status"`
	Reason     string    `json:"reason,omitempty"`
	// FailureSignature classifies, from the log, why a run that did not
	// come up failed: permission_denied, out_of_memory, port_in_use,
	// war_corrupt, plugin_failure, boot_failure or incomplete (see
	// bench/observe/jenkinslog). Reason then ends with the fix, when there is one.
	FailureSignature string `json:"failure_signature,omitempty"`

	// ReadyMS is the harness's clock from the subject's start (container
	// start or process exec) to the receipt of the "fully up" line.
	ReadyMS float64 `json:"ready_ms,omitempty"`
	// LogReadyMS is the log's own clock from its first timestamped line
	// to the "fully up" line.
	LogReadyMS float64 `json:"log_ready_ms,omitempty"`
	// HTTPReadyMS is the harness's clock from start to the first HTTP 200
	// on /login.
	HTTPReadyMS float64 `json:"http_ready_ms,omitempty"`
	// RestoreMS is the time spent restoring a snapshot onto the volume
	// before the start (restored-snapshot volumes only).
	RestoreMS float64 `json:"restore_ms,omitempty"`
	// RecoveryMS is RestoreMS plus ReadyMS: the downtime of a controller
	// recovered from a backup.
	RecoveryMS float64 `json:"recovery_ms,omitempty"`
	// RTOMS is the scenario's recovery-time objective, the figure that
	// RecoveryMS (or ReadyMS without a restore) is judged against; 0 when
	// the scenario sets none.
	RTOMS float64 `json:"rto_ms,omitempty"`
	// Survive names the failure classes the scenario asks the controller
	// to survive within the RTO (pod, node, zone); the recommendation
	// then ranks only storages that survive every one of them.
	Survive []string `json:"survive,omitempty"`
	// CacheDropped tells whether the page cache was dropped before the run.
	CacheDropped bool `json:"cache_dropped"`
	// Clock is what the log's phases and LogReadyMS were timed by: the
	// finest of Jenkins's own timestamps and the runtime's receipt stamps
	// (Docker's, to the nanosecond). Absent in older records, which were
	// timed by Jenkins's own timestamps.
	Clock *Clock `json:"clock,omitempty"`

	Events   []Event  `json:"events,omitempty"`
	Phases   []Phase  `json:"phases,omitempty"`
	Warnings []string `json:"warnings,omitempty"`
	// Probe is a short storage probe of the volume, made on the first run
	// of each volume before the home was written.
	Probe *Probe `json:"probe,omitempty"`
	// Exit says how the subject's process ended, when it ended by itself
	// or was killed before the run was over.
	Exit *Exit `json:"exit,omitempty"`
	// Calibration, for a simulated controller calibrated from a real log,
	// holds that log's phases, the simulated controller's own local-disk
	// phases and the time spent per phase besides file work.
	Calibration *Calibration `json:"calibration,omitempty"`
	// StorageOps counts, for an emulated volume, the file operations the
	// subject made on it during its start (a failover's: from the loss of
	// the controller until its replacement is up) and the latency
	// injected into them, by operation (lookup, getattr, open, opendir,
	// read, create, …).
	StorageOps map[string]OpCount `json:"storage_ops,omitempty"`
	// Host is what the machine was doing around the run (see host.go).
	Host *Host `json:"host,omitempty"`
	// ReferenceVolume names the scenario's reference volume, the one
	// paired ratios divide by.
	ReferenceVolume string `json:"reference_volume,omitempty"`
	// LastLines holds the tail of the log for failed and timed-out runs.
	LastLines []string `json:"last_lines,omitempty"`
	// LogLines counts the lines read; StreamedLines those seen live.
	LogLines      int `json:"log_lines"`
	StreamedLines int `json:"streamed_lines"`

	// Kubernetes and Failover are set by the Kubernetes runtime (see
	// kubernetes.go).
	Kubernetes *Kubernetes `json:"kubernetes,omitempty"`
	Failover   *Failover   `json:"failover,omitempty"`
}

// Clock names a clock and its resolution.
type Clock struct {
	// Source is "jenkins" (the log's own timestamps), "docker" (Docker's
	// receipt stamps), "harness" (the harness's receipt times), or a
	// wrapper's clock in a log read after the fact ("timestamps",
	// "json-file", "journal").
	Source       string `json:"source"`
	ResolutionNS int64  `json:"resolution_ns"`
}

// Subject says what produced the numbers. Simulated is true for the
// built-in simulated controller: its numbers are not Jenkins numbers.
type Subject struct {
	Kind           string `json:"kind"` // "sim", "image" or "war"
	Simulated      bool   `json:"simulated"`
	Name           string `json:"name"`    // image reference, war path or sim binary
	Runtime        string `json:"runtime"` // "container", "process" or "kubernetes"
	JenkinsVersion string `json:"jenkins_version,omitempty"`
	// CalibratedFrom names the real Jenkins log a simulated controller
	// was calibrated from (`calibrate:`): its figures are then
	// "simulated, calibrated from" that log.
	CalibratedFrom string `json:"calibrated_from,omitempty"`
}

// Volume describes where JENKINS_HOME lived.
type Volume struct {
	Name   string            `json:"name"`
	Kind   string            `json:"kind"`
	Params map[string]string `json:"params,omitempty"`
	// Ceiling marks a volume that shows the best case, not a place for
	// JENKINS_HOME: tmpfs, or a volume the scenario marks `ceiling: true`.
	// Reports show it as a ceiling and never recommend it.
	Ceiling bool `json:"ceiling,omitempty"`
}

// Home describes what JENKINS_HOME held before the start.
type Home struct {
	Kind    string `json:"kind"` // "empty", "generated" or "dir"
	Jobs    int    `json:"jobs,omitempty"`
	Builds  int    `json:"builds_per_job,omitempty"`
	Plugins int    `json:"plugins,omitempty"`
	Seed    int64  `json:"seed,omitempty"`
	Source  string `json:"source,omitempty"`
	Files   int    `json:"files,omitempty"`
	Bytes   int64  `json:"bytes,omitempty"`
	// PopulateMS is the time spent writing the home onto the volume; it is
	// not part of ReadyMS.
	PopulateMS float64 `json:"populate_ms,omitempty"`
}

// Event is one milestone line, as an offset from the start of the run.
type Event struct {
	Name     string  `json:"name"`
	OffsetMS float64 `json:"offset_ms"`
	// LogOffsetMS is the offset by the log's own timestamps from its
	// first timestamped line.
	LogOffsetMS float64 `json:"log_offset_ms"`
	Message     string  `json:"message,omitempty"`
}

// Phase is the interval that ends at an event: war_extraction, then one
// per init milestone, then fully_up.
type Phase struct {
	Name       string  `json:"name"`
	StartMS    float64 `json:"start_ms"`
	DurationMS float64 `json:"duration_ms"`
	Skipped    bool    `json:"skipped,omitempty"`
}

// Probe is what a short storage probe measured on a volume: the median
// latency of each operation Jenkins's startup is made of (create, stat,
// open+read, readdir, fsync, …) and sequential throughput.
type Probe struct {
	P50MS           map[string]float64 `json:"p50_ms"`
	SeqWriteMiBPerS float64            `json:"seq_write_mib_per_s"`
	SeqReadMiBPerS  float64            `json:"seq_read_mib_per_s"`
	ElapsedMS       float64            `json:"elapsed_ms"`
	Warnings        []string           `json:"warnings,omitempty"`
}

// Calibration is how a simulated controller was made to start like the
// real Jenkins of a log (see bench/analyze/calibrate). Durations in milliseconds.
type Calibration struct {
	// Source is the log, as the scenario names it; JenkinsVersion the
	// version it states.
	Source         string `json:"source"`
	JenkinsVersion string `json:"jenkins_version,omitempty"`
	// SourceFullyUpMS is the log's first timestamped line to fully up.
	SourceFullyUpMS float64 `json:"source_fully_up_ms"`
	// Phases lists, per phase of the log: its duration there, the
	// simulated controller's own on local disk (the probe runs' median)
	// and the time spent besides file work.
	Phases []CalibrationPhase `json:"phases"`
	// LauncherMS is the JVM's time before the log's first record, spent
	// before the simulated controller logs.
	LauncherMS float64 `json:"launcher_ms,omitempty"`
	// WarEntries and WarMB size the war extracted; Workload says why.
	WarEntries int      `json:"war_entries"`
	WarMB      float64  `json:"war_mb"`
	Workload   string   `json:"workload"`
	Probes     int      `json:"probes"`
	Warnings   []string `json:"warnings,omitempty"`
}

// CalibrationPhase is one phase of a calibration.
type CalibrationPhase struct {
	Name     string  `json:"name"`
	SourceMS float64 `json:"source_ms"`
	ProbeMS  float64 `json:"probe_ms"`
	ExtraMS  float64 `json:"extra_ms"`
}

// OpCount is the count of one file operation and the latency injected
// into it in all.
type OpCount struct {
	Count      int64   `json:"count"`
	InjectedMS float64 `json:"injected_ms"`
}
