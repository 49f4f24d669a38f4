//go:build unix

package jenkinslog

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time the process used so far (user and system):
// on a shared machine it measures the parser where wall time measures
// the neighbours too.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
