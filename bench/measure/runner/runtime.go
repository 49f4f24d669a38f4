package runner

import (
	"github.com/jsbench/jsbench/bench/observe/jenkinslog"
	"github.com/jsbench/jsbench/bench/runtime/contract"
)

// parseOptions are the parser's options for inst's log.
func parseOptions(inst contract.Instance) jenkinslog.Options {
	var opts jenkinslog.Options
	if rc, ok := inst.(contract.ReceiptClock); ok {
		opts.Received = rc.ReceivedClock()
	}
	return opts
}
