package results

// Classes of Exit: why a subject's process ended before it was up.
const (
	// ExitOOMKilled: the kernel's OOM killer ended it (the runtime's OOM
	// flag): the memory limit is too low for this home.
	ExitOOMKilled = "oom_killed"
	// ExitKilled: a signal from outside ended it (SIGKILL, SIGTERM, SIGINT,
	// SIGHUP…): `docker kill`, a pod evicted, an operator.
	ExitKilled = "killed"
	// ExitCrashed: a signal of its own fault ended it (SIGSEGV, SIGBUS,
	// SIGILL, SIGFPE, SIGABRT…): a JVM crash, a broken binary.
	ExitCrashed = "crashed"
	// ExitExited: it exited by itself, with Code.
	ExitExited = "exited"
)

// Exit is how the subject's process ended when it ended on its own
// before the run was over (it is absent when jsbench stopped it).
type Exit struct {
	// Code is the exit status as the runtime reports it: 128 plus the
	// signal's number when a signal ended the process (Docker's and the
	// shells' convention).
	Code int `json:"code"`
	// Signal names the signal that ended the process, such as "SIGKILL".
	Signal string `json:"signal,omitempty"`
	// OOMKilled is the runtime's own flag that the OOM killer ended the
	// process (Docker's State.OOMKilled); a process runtime has none.
	OOMKilled bool `json:"oom_killed,omitempty"`
	// Class is what Code, Signal and OOMKilled amount to: ExitOOMKilled,
	// ExitKilled, ExitCrashed or ExitExited.
	Class string `json:"class"`
}
