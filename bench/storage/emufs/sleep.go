package emufs

import (
	"runtime"
	"sync/atomic"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// Go's time.Sleep overshoots sub-millisecond delays by about a
// millisecond (the runtime's timers wake through the network poller) and
// longer ones by several on a busy machine; a nanosleep(2) by about
// 100 µs (timer slack and wake-up). Both were measured on a 2-core Linux
// VM (see FIDELITY.md). So waiting is a nanosleep, which blocks one OS
// thread, until the learned nanosleep overshoot before the deadline, then
// a spin. The sleeping thread's timer slack is set to 1 ns first (the
// default is 50 µs), so that the overshoot, and with it the spin that
// takes CPU from the subject, stays short.
const (
	initialFineGuard = 120 * time.Microsecond
	fineGuardMargin  = 20 * time.Microsecond
	maxFineGuard     = 500 * time.Microsecond
	minFineSleep     = 20 * time.Microsecond
	riseSmoothing    = 4
	fallSmoothing    = 32
)

// sleeper waits until deadlines precisely, learning how much nanosleep
// overshoots on this machine so that it spins as little as it can.
type sleeper struct {
	overshoot atomic.Int64 // smoothed nanosleep overshoot, in nanoseconds
}

func newSleeper() *sleeper {
	s := &sleeper{}
	s.overshoot.Store(int64(initialFineGuard))
	return s
}

// until returns at deadline or a few microseconds after it.
func (s *sleeper) until(deadline time.Time) {
	guard := time.Duration(s.overshoot.Load()) + fineGuardMargin
	if rem := time.Until(deadline) - guard; rem > minFineSleep {
		s.nanosleep(rem)
	}
	for time.Now().Before(deadline) {
		runtime.Gosched()
	}
}

// nanosleep blocks the calling thread for d and folds the overshoot it
// sees into the running estimate, which rises faster than it falls so
// that it tracks a high percentile rather than the mean.
func (s *sleeper) nanosleep(d time.Duration) {
	runtime.LockOSThread()
	_ = unix.Prctl(unix.PR_SET_TIMERSLACK, 1, 0, 0, 0)
	start := time.Now()
	ts := syscall.NsecToTimespec(int64(d))
	for syscall.Nanosleep(&ts, &ts) == syscall.EINTR {
	}
	runtime.UnlockOSThread()
	over := min(time.Since(start)-d, maxFineGuard)
	old := s.overshoot.Load()
	step := (int64(over) - old) / fallSmoothing
	if int64(over) > old {
		step = (int64(over) - old) / riseSmoothing
	}
	s.overshoot.Store(old + step)
}
