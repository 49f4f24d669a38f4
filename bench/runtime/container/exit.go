package container

import (
	"context"

	"github.com/moby/moby/client"

	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/bench/runtime/contract"
)

var _ contract.ExitReporter = (*Instance)(nil)

// ExitStatus reads how the container ended from Docker: its exit code
// (128 plus the signal's number when a signal ended it) and the daemon's
// OOMKilled flag. It must be called before Stop removes the container;
// false means it still runs or Docker could not say.
func (i *Instance) ExitStatus(ctx context.Context) (results.Exit, bool) {
	info, err := i.rt.docker.ContainerInspect(ctx, i.id, client.ContainerInspectOptions{})
	if err != nil {
		return results.Exit{}, false
	}
	st := info.Container.State
	if st == nil || st.Running {
		return results.Exit{}, false
	}
	return contract.ExitFromCode(st.ExitCode, st.OOMKilled), true
}
