package host

import (
	"os"
	"runtime"
	"sync"
	"time"

	"github.com/jsbench/jsbench/bench/record/results"
)

// runQueueEvery is how often Watch samples the run queue.
const runQueueEvery = 100 * time.Millisecond

// Watcher watches the host while one run goes on.
type Watcher struct {
	start        Snapshot
	subject      *subject
	subjectStart *subjectSample
	warnings     []string

	stop     chan struct{}
	done     chan struct{}
	mu       sync.Mutex
	runQueue []int
	failed   bool
}

// Watch starts watching the host and the subject with process id pid
// (0 when unknown). Call Stop, once, to end it.
func Watch(pid int) *Watcher {
	w := &Watcher{stop: make(chan struct{}), done: make(chan struct{})}
	w.subject, w.warnings = findSubject(pid)
	if w.subject != nil {
		if s, err := w.subject.read(); err == nil {
			w.subjectStart = &s
		} else {
			w.warnings = append(w.warnings, err.Error())
		}
	}
	start, warnings, err := Take()
	w.start, w.failed = start, err != nil
	w.warnings = append(w.warnings, warnings...)
	if err != nil {
		w.warnings = append(w.warnings, err.Error())
	}
	go w.sampleRunQueue()
	return w
}

// sampleRunQueue records procs_running until Stop, less the reading
// thread itself.
func (w *Watcher) sampleRunQueue() {
	defer close(w.done)
	tick := time.NewTicker(runQueueEvery)
	defer tick.Stop()
	for {
		if data, err := os.ReadFile("/proc/stat"); err == nil {
			if s, err := ParseStat(data); err == nil {
				w.mu.Lock()
				w.runQueue = append(w.runQueue, max(s.ProcsRunning-1, 0))
				w.mu.Unlock()
			}
		}
		select {
		case <-tick.C:
		case <-w.stop:
			return
		}
	}
}

// Stop ends the watch and returns the figures of the window, with
// warnings about what could not be measured. It returns nil figures
// when not even /proc/stat could be read.
func (w *Watcher) Stop() (*results.HostDuring, []string) {
	var sub *subjectSample
	if w.subject != nil && w.subjectStart != nil {
		if s, err := w.subject.read(); err == nil {
			sub = &s
		} else {
			w.warnings = append(w.warnings, err.Error())
		}
	}
	end, warnings, err := Take()
	close(w.stop)
	<-w.done
	if err != nil || w.failed {
		return nil, append(w.warnings, warnings...)
	}
	win := window{from: w.start, to: end, cpus: runtime.NumCPU()}
	d := win.during(w.runQueue)
	if sub != nil {
		w.addSubject(&d, win, *w.subjectStart, *sub)
	}
	return &d, dedupe(append(w.warnings, warnings...))
}

// during fills the figures that need no subject.
func (win window) during(runQueue []int) results.HostDuring {
	d := results.HostDuring{
		WallMS:     float64(win.wall().Microseconds()) / 1000,
		BusyPct:    win.statPct(busy),
		StealPct:   win.statPct(steal),
		IOWaitPct:  win.statPct(iowait),
		HarnessPct: win.nsPct(delta(win.to.HarnessNS, win.from.HarnessNS)),
		Load1Start: win.from.Load1,
		Load1End:   win.to.Load1,
		PSI:        win.pressure(),
	}
	var sum int
	for _, n := range runQueue {
		sum += n
		d.RunQueueMax = max(d.RunQueueMax, n)
	}
	if len(runQueue) > 0 {
		d.RunQueueMean = float64(sum) / float64(len(runQueue))
	}
	return d
}

// addSubject splits the busy time into the subject's, jsbench's and the
// rest, and adds the subject's cgroup throttling.
func (w *Watcher) addSubject(d *results.HostDuring, win window, from, to subjectSample) {
	subjectPct := win.nsPct(delta(to.cpuNS, from.cpuNS))
	others := max(d.BusyPct-subjectPct-d.HarnessPct, 0)
	d.SubjectPct, d.OthersPct = &subjectPct, &others
	if from.cgroup != nil && to.cgroup != nil && w.subject.cgroup != nil {
		d.Throttle = &results.Throttle{
			Cgroup:           w.subject.cgroup.Label,
			Periods:          int64(delta(to.cgroup.Periods, from.cgroup.Periods)),
			ThrottledPeriods: int64(delta(to.cgroup.ThrottledPeriods, from.cgroup.ThrottledPeriods)),
			ThrottledMS:      float64(delta(to.cgroup.ThrottledNS, from.cgroup.ThrottledNS)) / 1e6,
		}
	}
}

func dedupe(lines []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, l := range lines {
		if !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	return out
}
