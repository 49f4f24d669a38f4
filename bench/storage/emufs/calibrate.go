package emufs

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// A FUSE request costs more than its handler: the kernel hands it to a
// server thread and the reply back to the caller, each a wake-up that on
// a virtual machine may have to wake a halted vCPU first (20–150 µs on
// the 2-core VM of FIDELITY.md, longest when the VM is idle). That round
// trip is part of a real storage's latency as the client sees it, so
// emufs takes it off the delay it injects: it times lookups that it
// delays by calibrationDelay, and the median excess over that delay is
// the compensation subtracted from every delayed request, up to
// maxCompensation. It calibrates at mount and again every
// recalibrateEvery while mounted.
const (
	// calibrationPrefix names the lookups the calibration sends; Lookup
	// answers them itself, uncounted.
	calibrationPrefix = ".jsbench-calibrate-"
	// calibrationDelay is close to the sub-millisecond latencies the
	// shipped profiles inject, so that the round trip is timed in the
	// same state (a server thread asleep, the caller's CPU idle).
	calibrationDelay = 300 * time.Microsecond
	// firstSamples are taken at mount, recalibrationSamples at each
	// recalibration; the compensation is the median of the last
	// keptSamples.
	firstSamples         = 31
	recalibrationSamples = 7
	keptSamples          = 63
	recalibrateEvery     = 2 * time.Second
	// maxCompensationShare bounds the compensation to a share of each
	// delay: a request never waits less than half what was drawn.
	maxCompensationShare = 0.5
	// maxCompensation bounds the round trip taken off: about what it is
	// on an idle 2-core VM, where waking a halted vCPU makes it longest
	// (a delayed lookup took 120–137 µs more than its delay at load 2,
	// 55–100 µs at load 10; FIDELITY.md). A calibration that meets a
	// moment of heavy load measures a spike beyond it; taking that off
	// as well would make emulated storage faster on a busy host than on
	// a quiet one, so the cap leaves it in and the busy host is seen and
	// judged instead (bench/analyze/noise).
	maxCompensation = 120 * time.Microsecond
)

// calibrator keeps the compensation of one mount up to date.
type calibrator struct {
	s       *Server
	base    string
	sent    int
	samples []time.Duration
	stop    chan struct{}
	done    sync.WaitGroup
}

// calibrate sets the compensation from firstSamples round trips and keeps
// it current until stopCalibration. A profile that injects no latency
// needs none.
func (s *Server) calibrate() {
	if !s.shaper.p.injectsLatency() {
		return
	}
	c := &calibrator{s: s, stop: make(chan struct{}),
		base: filepath.Join(s.mountPoint, calibrationPrefix+strconv.FormatInt(time.Now().UnixNano(), 36)+"-")}
	c.measure(firstSamples)
	s.calibrator = c
	c.done.Add(1)
	go c.loop()
}

func (c *calibrator) loop() {
	defer c.done.Done()
	tick := time.NewTicker(recalibrateEvery)
	defer tick.Stop()
	for {
		select {
		case <-tick.C:
			c.measure(recalibrationSamples)
		case <-c.stop:
			return
		}
	}
}

// measure times n delayed lookups of names never seen (so that the
// kernel asks every time) and updates the compensation.
func (c *calibrator) measure(n int) {
	for range n {
		start := time.Now()
		os.Lstat(c.base + strconv.Itoa(c.sent))
		c.sent++
		c.samples = append(c.samples, time.Since(start)-calibrationDelay)
	}
	if len(c.samples) > keptSamples {
		c.samples = c.samples[len(c.samples)-keptSamples:]
	}
	sorted := slices.Clone(c.samples)
	slices.Sort(sorted)
	c.s.shaper.compensation.Store(int64(min(max(sorted[len(sorted)/2], 0), maxCompensation)))
}

// stopCalibration ends the recalibration before the mount goes away.
func (s *Server) stopCalibration() {
	if s.calibrator != nil {
		close(s.calibrator.stop)
		s.calibrator.done.Wait()
		s.calibrator = nil
	}
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
// request now (see calibrate): 0 for a profile without latencies.
func (s *Server) Compensation() time.Duration { return time.Duration(s.shaper.compensation.Load()) }

// compensated is how long a request drawn to wait total waits in the
// handler, when its delay stands in for trips FUSE round trips.
func (s *shaper) compensated(total time.Duration, trips int) time.Duration {
	c := time.Duration(max(trips, 1)) * time.Duration(s.compensation.Load())
	return total - min(c, time.Duration(maxCompensationShare*float64(total)))
}
