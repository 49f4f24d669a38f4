package contract

import (
	"context"
	"time"

	"github.com/jsbench/jsbench/bench/observe/jenkinslog"
	"github.com/jsbench/jsbench/bench/plan/subject"
)

// Runtime starts controllers: bench/runtime/container on Docker,
// bench/runtime/process as a local process, bench/runtime/kube as a pod.
type Runtime interface {
	// Start starts the controller and returns once it runs. The instance
	// must be stopped with Stop, also when ctx is cancelled.
	Start(ctx context.Context, launch subject.Launch) (Instance, error)
	// Describe names what Start runs for launch, for every record: the
	// simulated controller's image or binary, the image or the war.
	Describe(launch subject.Launch) string
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
