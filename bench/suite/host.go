package suite

import (
	"context"

	"github.com/jsbench/jsbench/bench/host"
	"github.com/jsbench/jsbench/bench/results"
	"github.com/jsbench/jsbench/bench/yardstick"
)

// hostMeter is the runner's HostMeter: bench/host's watch and
// bench/yardstick's reference workload, whose files go to the suite's
// work directory on local disk.
type hostMeter struct{ workDir string }

func (m hostMeter) Reference(ctx context.Context) (results.Reference, error) {
	return yardstick.Run(ctx, m.workDir)
}

func (m hostMeter) Watch(pid int) func() (*results.HostDuring, []string) {
	return host.Watch(pid).Stop
}
