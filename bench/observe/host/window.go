package host

import (
	"time"

	"github.com/jsbench/jsbench/bench/record/results"
)

// Shares of the window between two snapshots. CPU states are shares of
// /proc/stat's total over the window (CPUs × wall time, as the kernel
// counted it); nanosecond CPU times are shares of CPUs × wall time.
type window struct {
	from, to Snapshot
	cpus     int
}

func (w window) wall() time.Duration { return w.to.At.Sub(w.from.At) }

// statPct is a /proc/stat state's share of the window, in percent.
func (w window) statPct(state func(CPUTimes) uint64) float64 {
	total := delta(w.to.Stat.CPU.Total(), w.from.Stat.CPU.Total())
	if total == 0 {
		return 0
	}
	return 100 * float64(delta(state(w.to.Stat.CPU), state(w.from.Stat.CPU))) / float64(total)
}

// nsPct is a CPU time's share of the machine over the window, in percent.
func (w window) nsPct(ns uint64) float64 {
	capacity := float64(w.wall()) * float64(w.cpus)
	if capacity <= 0 {
		return 0
	}
	return 100 * float64(ns) / capacity
}

// pressure is the PSI shares of the window, or nil without PSI.
func (w window) pressure() *results.Pressure {
	if w.from.PSI == nil || w.to.PSI == nil {
		return nil
	}
	us := float64(w.wall().Microseconds())
	if us <= 0 {
		return nil
	}
	pct := func(resource string, full bool) float64 {
		a, b := w.from.PSI[resource], w.to.PSI[resource]
		if full {
			return 100 * float64(delta(b.Full, a.Full)) / us
		}
		return 100 * float64(delta(b.Some, a.Some)) / us
	}
	return &results.Pressure{
		CPUSomePct: pct("cpu", false), MemorySomePct: pct("memory", false), MemoryFullPct: pct("memory", true),
		IOSomePct: pct("io", false), IOFullPct: pct("io", true),
	}
}

// delta is b − a for counters, 0 if the counter went backwards.
func delta(b, a uint64) uint64 {
	if b < a {
		return 0
	}
	return b - a
}

func steal(c CPUTimes) uint64  { return c.Steal }
func iowait(c CPUTimes) uint64 { return c.IOWait }
func busy(c CPUTimes) uint64   { return c.Busy() }
