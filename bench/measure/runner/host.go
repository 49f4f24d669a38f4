package runner

import (
	"context"
	"runtime"

	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/bench/runtime/contract"
)

// HostMeter measures the host around each run, so that a run taken on a
// busy host says so (bench/observe/host, bench/observe/yardstick; bench/analyze/noise judges).
type HostMeter interface {
	// Reference runs the fixed reference workload once.
	Reference(ctx context.Context) (results.Reference, error)
	// Watch starts watching the host and the subject's process (pid 0
	// when the runtime does not tell it); stop ends the watch and returns
	// the figures, nil when none could be read, and warnings.
	Watch(pid int) (stop func() (*results.HostDuring, []string))
}

// pider is an Instance that knows its process id on this host.
type pider interface{ Pid() int }

// referenceBefore and referenceAfter time the reference workload around
// a run: before anything of the run happens, and after its cleanup.
func (r *Runner) referenceBefore(ctx context.Context, rec *results.Record) {
	r.reference(ctx, rec, func(h *results.Host, ref *results.Reference) { h.ReferenceBefore = ref })
}

func (r *Runner) referenceAfter(ctx context.Context, rec *results.Record) {
	r.reference(ctx, rec, func(h *results.Host, ref *results.Reference) { h.ReferenceAfter = ref })
}

func (r *Runner) reference(ctx context.Context, rec *results.Record, set func(*results.Host, *results.Reference)) {
	if r.Host == nil || ctx.Err() != nil {
		return
	}
	h := hostOf(rec)
	ref, err := r.Host.Reference(ctx)
	if err != nil {
		h.Warnings = append(h.Warnings, err.Error())
		return
	}
	set(h, &ref)
}

// watchHost starts watching the host once the subject runs; the
// returned func records what was seen into rec.
func (r *Runner) watchHost(inst contract.Instance, rec *results.Record) func() {
	if r.Host == nil {
		return func() {}
	}
	pid := 0
	if p, ok := inst.(pider); ok {
		pid = p.Pid()
	}
	stop := r.Host.Watch(pid)
	return func() {
		during, warnings := stop()
		h := hostOf(rec)
		h.During = during
		h.Warnings = append(h.Warnings, warnings...)
	}
}

// hostOf returns rec's host figures, creating them on first use.
func hostOf(rec *results.Record) *results.Host {
	if rec.Host == nil {
		rec.Host = &results.Host{CPUs: runtime.NumCPU()}
	}
	return rec.Host
}
