package process

import (
	"context"
	"syscall"

	"golang.org/x/sys/unix"

	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/bench/runtime/contract"
)

var _ contract.ExitReporter = (*Instance)(nil)

// ExitStatus tells how the process ended, once it has: its exit code, or
// the signal that ended it (code 128 plus its number). A process has no
// OOM flag of its own: the kernel's OOM killer shows as SIGKILL.
func (i *Instance) ExitStatus(context.Context) (results.Exit, bool) {
	select {
	case <-i.exited:
	default:
		return results.Exit{}, false
	}
	state := i.cmd.ProcessState
	if ws, ok := state.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return results.Exit{Code: 128 + int(ws.Signal()), Signal: unix.SignalName(ws.Signal())}, true
	}
	return results.Exit{Code: state.ExitCode()}, true
}
