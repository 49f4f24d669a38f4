package emufs

import (
	"os"
	"runtime"

	"golang.org/x/sys/unix"
)

// The emulated storage stands for a server on another machine: its
// answers should not wait behind the client host's other work. When the
// host is busy, a woken FUSE server thread waits for a CPU like any
// other task, and every round trip grows with the load. So each thread
// that serves a request runs at real-time priority (as root): it runs as
// soon as it is woken, its delays sleep rather than spin for most of
// their length, and the kernel's real-time throttling (95% of each
// second by default) keeps it from starving the host. Children forked
// from such a thread start at normal priority (SCHED_RESET_ON_FORK).
const (
	// serverPriority is the SCHED_FIFO priority, the lowest real-time one.
	serverPriority = 1
	// resetOnFork is SCHED_FLAG_RESET_ON_FORK.
	resetOnFork = 0x01
)

// promote puts the calling thread at real-time priority, once; it does
// nothing when the mount runs without it.
func (s *shaper) promote() {
	if !s.realtime {
		return
	}
	if attr, err := unix.SchedGetAttr(0, 0); err == nil && attr.Policy == unix.SCHED_FIFO {
		return
	}
	_ = unix.SchedSetAttr(0, &unix.SchedAttr{Policy: unix.SCHED_FIFO, Priority: serverPriority, Flags: resetOnFork}, 0)
}

// realtimeAllowed reports whether serving threads may run at real-time
// priority: as root, where the kernel grants it to this thread (a cgroup
// without real-time runtime refuses it). It leaves the thread as it was.
func realtimeAllowed() bool {
	if os.Geteuid() != 0 {
		return false
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	before, err := unix.SchedGetAttr(0, 0)
	if err != nil {
		return false
	}
	err = unix.SchedSetAttr(0, &unix.SchedAttr{Policy: unix.SCHED_FIFO, Priority: serverPriority, Flags: resetOnFork}, 0)
	before.Size = 0
	_ = unix.SchedSetAttr(0, before, 0)
	return err == nil
}

// Realtime reports whether the mount's serving threads run at real-time
// priority.
func (s *Server) Realtime() bool { return s.shaper.realtime }
