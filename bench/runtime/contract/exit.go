package contract

import (
	"context"
	"syscall"

	"golang.org/x/sys/unix"

	"github.com/jsbench/jsbench/bench/record/results"
)

// ExitReporter is an Instance that can tell how its controller ended,
// once Exited is closed and before Stop removes it.
type ExitReporter interface {
	// ExitStatus returns the exit code, the signal and the runtime's OOM
	// flag (Class is left to the runner), or false when it cannot tell.
	ExitStatus(ctx context.Context) (results.Exit, bool)
}

// ExitFromCode reads an exit status as Docker and the kubelet report it:
// above 128 the process was ended by signal code-128 (137 is SIGKILL).
func ExitFromCode(code int, oomKilled bool) results.Exit {
	e := results.Exit{Code: code, OOMKilled: oomKilled}
	if sig := syscall.Signal(code - 128); code > 128 && unix.SignalName(sig) != "" {
		e.Signal = unix.SignalName(sig)
	}
	return e
}
