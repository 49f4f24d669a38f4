package runner

import (
	"context"
	"time"

	"github.com/jsbench/jsbench/bench/jenkinslog"
	"github.com/jsbench/jsbench/bench/subject"
)

// Runtime starts controllers: bench/container on Docker, bench/process as
// a local process.
type Runtime interface {
	// Start starts the controller and returns once it runs. The instance
	// must be stopped with Stop, also when ctx is cancelled.
	Start(ctx context.Context, launch subject.Launch) (Instance, error)
}

// Instance is one running controller.
type Instance interface {
	// StartedAt is the moment the controller was started, by the clock
	// that also stamps Lines (Docker's or the harness's).
	StartedAt() time.Time
	// Lines streams the controller's output, stdout and stderr merged, in
	// order, each line stamped on receipt. It is closed when the output ends.
	Lines() <-chan jenkinslog.Line
	// LoginURL is the URL of /login as reachable from the harness.
	LoginURL(ctx context.Context) (string, error)
	// Exited is closed when the controller has exited by itself.
	Exited() <-chan struct{}
	// FullLog reads the whole output again, after the fact, to reconcile
	// with the stream (a streamed line can be lost).
	FullLog(ctx context.Context) ([]jenkinslog.Line, error)
	// Stop stops the controller and removes what Start created.
	Stop(ctx context.Context) error
}

// ReceiptClock is implemented by instances whose lines carry receipt
// times fine enough to time a start: Docker stamps each line to the
// nanosecond. The parser times a start by the finest clock it has, and
// the record names it.
type ReceiptClock interface {
	// ReceivedClock describes the Received times of Lines and FullLog.
	ReceivedClock() jenkinslog.Clock
}

// parseOptions are the parser's options for inst's log.
func parseOptions(inst Instance) jenkinslog.Options {
	var opts jenkinslog.Options
	if rc, ok := inst.(ReceiptClock); ok {
		opts.Received = rc.ReceivedClock()
	}
	return opts
}
