package suite

import (
	"context"

	"github.com/jsbench/jsbench/bench/observe/host"
	"github.com/jsbench/jsbench/bench/observe/yardstick"
	"github.com/jsbench/jsbench/bench/record/results"
)

// hostMeter is the runner's HostMeter: bench/observe/host's watch and
// bench/observe/yardstick's reference workload, whose files go to the suite's
// work directory on local disk.
type hostMeter struct{ workDir string }

func (m hostMeter) Reference(ctx context.Context) (results.Reference, error) {
	return yardstick.Run(ctx, m.workDir)
}

func (m hostMeter) Watch(pid int) func() (*results.HostDuring, []string) {
	return host.Watch(pid).Stop
}
