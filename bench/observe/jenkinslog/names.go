package jenkinslog

// Event and phase names. The milestones are hudson.init.InitMilestone as
// jenkins.InitReactorRunner logs them (see ../shared/calibration.md).
const (
	RunningFrom                    = "running_from"
	Launch                         = "launch"
	WarExtraction                  = "war_extraction"
	HTTPOpen                       = "http_open"
	StartedInitialization          = "started_initialization"
	ListedAllPlugins               = "listed_all_plugins"
	PreparedAllPlugins             = "prepared_all_plugins"
	StartedAllPlugins              = "started_all_plugins"
	AugmentedAllExtensions         = "augmented_all_extensions"
	SystemConfigLoaded             = "system_config_loaded"
	SystemConfigAdapted            = "system_config_adapted"
	LoadedAllJobs                  = "loaded_all_jobs"
	ConfigurationForAllJobsUpdated = "configuration_for_all_jobs_updated"
	CompletedInitialization        = "completed_initialization"
	FullyUp                        = "fully_up"
)

// Launcher names the phase from "Running from:" to the log's first
// timestamped record: Jenkins's launcher and Winstone before they log.
// The log gives it no timestamps, so the parser never returns it; the
// runner measures it on the harness's clock, the simulated controller
// spends it, and calibration matches the two by this one name.
const Launcher = "launcher"

// Failure signatures, from the most specific to the least.
const (
	SignaturePermissionDenied = "permission_denied"
	SignatureOutOfMemory      = "out_of_memory"
	SignaturePortInUse        = "port_in_use"
	SignatureWarCorrupt       = "war_corrupt"
	SignaturePluginFailure    = "plugin_failure"
	SignatureBootFailure      = "boot_failure"
	SignatureIncomplete       = "incomplete"
)

// ReasonIncomplete is the Failure.Reason of a start whose log ends (or
// whose next start begins) before fully up with no fatal line.
const ReasonIncomplete = "log ended before fully up"

// milestones maps the text Jenkins logs to the event name. "Started
// termination" and "Completed termination" are shutdown milestones and
// deliberately absent.
var milestones = map[string]string{
	"Started initialization":             StartedInitialization,
	"Listed all plugins":                 ListedAllPlugins,
	"Prepared all plugins":               PreparedAllPlugins,
	"Started all plugins":                StartedAllPlugins,
	"Augmented all extensions":           AugmentedAllExtensions,
	"System config loaded":               SystemConfigLoaded,
	"System config adapted":              SystemConfigAdapted,
	"Loaded all jobs":                    LoadedAllJobs,
	"Configuration for all jobs updated": ConfigurationForAllJobsUpdated,
	"Completed initialization":           CompletedInitialization,
}

// MilestoneEvent is the event name of the init milestone Jenkins logs as
// text ("Loaded all jobs"), or "" when text is not one.
func MilestoneEvent(text string) string { return milestones[text] }

// signatureRank orders signatures: a lower rank wins when a start shows
// several.
var signatureRank = map[string]int{
	SignaturePermissionDenied: 1,
	SignatureOutOfMemory:      2,
	SignaturePortInUse:        3,
	SignatureWarCorrupt:       4,
	SignaturePluginFailure:    5,
	SignatureBootFailure:      6,
	SignatureIncomplete:       7,
}

// How a start ended (Ending.How), from what the log shows after it.
const (
	// EndStopped: a shutdown line was logged ("Stopping Jenkins",
	// "Jenkins stopped", Winstone's "JVM is terminating", systemd
	// stopping the unit…).
	EndStopped = "stopped"
	// EndFailed: the start failed (a fatal line) and no shutdown line
	// followed: the JVM exited by itself or was killed.
	EndFailed = "failed"
	// EndKilled: the next start began with no shutdown line before it:
	// the JVM was killed (SIGKILL, the OOM killer), crashed, or its host
	// went down.
	EndKilled = "killed"
	// EndRebooted: the journal shows a boot after it.
	EndRebooted = "rebooted"
	// EndLogEnded: the log ends with this start, still running or
	// stopped without a word.
	EndLogEnded = "log_ended"
)

// DescribeEnding says in words how a start ended, for reports.
func DescribeEnding(how string) string {
	switch how {
	case EndStopped:
		return "stopped"
	case EndFailed:
		return "failed, no shutdown line"
	case EndKilled:
		return "killed or crashed, no shutdown line"
	case EndRebooted:
		return "host rebooted"
	case EndLogEnded:
		return "log ends"
	}
	return how
}
