package emufs

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// A FUSE request costs more than its handler: the kernel hands it to a
// server thread and the reply back to the caller, each a wake-up that on
// a virtual machine may wait for an idle vCPU (20–150 µs measured on a
// 2-core VM, more under load; see FIDELITY.md). That round trip is part
// of a real storage's latency as the client sees it, so emufs takes it
// off the delay it injects: at mount it times a few lookups that it
// delays by calibrationDelay, and the median excess over that delay
// becomes the compensation subtracted from every delayed request.
const (
	// calibrationPrefix names the lookups the calibration sends; Lookup
	// answers them itself, uncounted.
	calibrationPrefix = ".jsbench-calibrate-"
	// calibrationDelay is close to the sub-millisecond latencies the
	// shipped profiles inject, so that the round trip is timed in the
	// same state (a server thread asleep, the caller's CPU idle).
	calibrationDelay   = 300 * time.Microsecond
	calibrationSamples = 31
	// maxCompensationShare bounds the compensation to a share of each
	// delay: a request never waits less than half what was drawn, should
	// the calibration have met a moment of heavy load.
	maxCompensationShare = 0.5
)

// calibrate times calibrationSamples delayed round trips through the
// mount and sets the compensation to their median excess over the delay.
// A profile that injects no latency needs none.
func (s *Server) calibrate() {
	if !s.shaper.p.injectsLatency() {
		return
	}
	excess := make([]time.Duration, 0, calibrationSamples)
	base := filepath.Join(s.mountPoint, calibrationPrefix+strconv.FormatInt(time.Now().UnixNano(), 36)+"-")
	for i := range calibrationSamples {
		start := time.Now()
		os.Lstat(base + strconv.Itoa(i))
		excess = append(excess, time.Since(start)-calibrationDelay)
	}
	slices.Sort(excess)
	s.shaper.compensation = max(excess[len(excess)/2], 0)
}

// isCalibration tells the lookups calibrate sends.
func isCalibration(name string) bool { return strings.HasPrefix(name, calibrationPrefix) }

// injectsLatency reports whether the profile delays any request.
func (p Profile) injectsLatency() bool {
	for _, l := range p.latencies() {
		if l.Median > 0 {
			return true
		}
	}
	return false
}

// Compensation returns the round-trip time emufs takes off each delayed
// request (see calibrate): 0 for a profile without latencies.
func (s *Server) Compensation() time.Duration { return s.shaper.compensation }

// compensated is how long a request drawn to wait total waits in the
// handler.
func (s *shaper) compensated(total time.Duration) time.Duration {
	return total - min(s.compensation, time.Duration(maxCompensationShare*float64(total)))
}
