package runner

import (
	"context"
	"fmt"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"

	"github.com/jsbench/jsbench/bench/observe/jenkinslog"
	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/bench/runtime/contract"
)

// exitedBeforeReady is the reason observe gives a subject that exited
// before it was fully up; noteExit replaces it by what ended it.
const exitedBeforeReady = "exited before fully up"

// crashSignals end a process for a fault of its own.
var crashSignals = map[syscall.Signal]bool{
	syscall.SIGSEGV: true, syscall.SIGBUS: true, syscall.SIGILL: true, syscall.SIGFPE: true,
	syscall.SIGABRT: true, syscall.SIGSYS: true, syscall.SIGTRAP: true,
}

// noteExit records how a failed subject ended when it ended by itself
// (or was killed) rather than stopped by jsbench, and says it in the
// reason: in place of "exited before fully up", or after the failure its
// log showed ("Container startup failed; exited by itself with code 1").
// A subject whose log showed a failure gets exitWait to exit: Winstone
// exits at once, Jenkins's BootFailure keeps serving an error page.
func noteExit(ctx context.Context, inst contract.Instance, rec *results.Record) {
	rep, ok := inst.(contract.ExitReporter)
	if !ok || rec.Status != results.StatusFailed {
		return
	}
	exitedFirst := strings.HasPrefix(rec.Reason, exitedBeforeReady)
	if !exitedFirst && !exitsWithin(ctx, inst.Exited(), exitWait) {
		return // still running: jsbench stops it, which is no exit of its own
	}
	e, ok := rep.ExitStatus(ctx)
	if !ok {
		return
	}
	e.Class = ClassifyExit(e)
	rec.Exit = &e
	if e.Class == results.ExitOOMKilled {
		// The kernel's word outweighs the log's, which ends mid-line.
		rec.FailureSignature = jenkinslog.SignatureOutOfMemory
	}
	if !exitedFirst {
		rec.Reason += "; then " + DescribeExit(e)
		return
	}
	rest := strings.TrimPrefix(rec.Reason, exitedBeforeReady)
	rest = strings.TrimPrefix(rest, ": "+jenkinslog.ReasonIncomplete)
	rec.Reason = DescribeExit(e) + " before fully up" + rest
}

// exitWait is how long a subject whose log showed a failure may take to
// exit before jsbench stops it.
const exitWait = drainGrace

func exitsWithin(ctx context.Context, exited <-chan struct{}, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-exited:
		return true
	case <-t.C:
	case <-ctx.Done():
	}
	return false
}

// ClassifyExit tells why a process ended from its exit code, signal and
// the runtime's OOM flag: results.ExitOOMKilled, ExitKilled, ExitCrashed
// or ExitExited.
func ClassifyExit(e results.Exit) string {
	switch {
	case e.OOMKilled:
		return results.ExitOOMKilled
	case e.Signal == "":
		return results.ExitExited
	case crashSignals[unix.SignalNum(e.Signal)]:
		return results.ExitCrashed
	}
	return results.ExitKilled
}

// DescribeExit says how a process ended, for a run's reason.
func DescribeExit(e results.Exit) string {
	switch ClassifyExit(e) {
	case results.ExitOOMKilled:
		return fmt.Sprintf("OOM-killed: the memory limit was too low (exit code %d)", e.Code)
	case results.ExitKilled:
		return fmt.Sprintf("killed from outside by %s (exit code %d)", e.Signal, e.Code)
	case results.ExitCrashed:
		return fmt.Sprintf("crashed with %s (exit code %d)", e.Signal, e.Code)
	}
	return fmt.Sprintf("exited by itself with code %d", e.Code)
}
