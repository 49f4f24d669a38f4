package emufs

import (
	"sync/atomic"
	"time"
)

// shaper turns a profile into delays. It knows nothing of FUSE: the
// nodes and handles describe each request to it and wait as told.
type shaper struct {
	p          Profile
	jitter     *sampler
	sleep      *sleeper
	throughput *bucket
	iops       *bucket
	lazy       *lazyBlocks
	stats      counters
	// negatives are names looked up and found missing, for NewClient.
	negatives negatives
	// dataPath is how the mount moves file data, set once at mount.
	dataPath DataPath
	// compensation is the round trip taken off each delay, in
	// nanoseconds (calibrate).
	compensation atomic.Int64
}

func newShaper(p Profile, seed uint64) *shaper {
	now := time.Now()
	return &shaper{
		p:          p,
		jitter:     newSampler(seed),
		sleep:      newSleeper(),
		throughput: newBucket(p.Throughput, now),
		iops:       newBucket(p.IOPS, now),
		lazy:       newLazyBlocks(p.Lazy.ChunkBytes),
	}
}

// request describes one operation to delay.
type request struct {
	op      opcode
	latency Latency
	// bytes is what the operation moved, for the statistics.
	bytes int64
	// capBytes and capIOs are charged against the throughput and IOPS
	// caps.
	capBytes, capIOs int64
	// ino, off and size locate the data touched, for lazy fetches; a
	// zero ino touches nothing.
	ino       uint64
	off, size int64
	// roundTrips is how many FUSE round trips the delay stands in for
	// (0 counts as 1): the compensation is taken off once per trip.
	roundTrips int
}

// serve draws the calling request's delay: first any lazy fetch, then
// any wait for the caps, then the sampled latency, one after the other
// as a client would see them. It records the delay at once, so Stats
// includes requests still in flight, and returns when the request may
// be answered: the caller does its work on the backing directory, then
// waits (reply.wait), so that the work counts in the delay as a
// server's work counts in its latency.
func (s *shaper) serve(r request) reply {
	now := time.Now()
	latency := s.jitter.sample(r.latency)
	ready := later(s.throughput.reserve(float64(r.capBytes), now), s.iops.reserve(float64(r.capIOs), now))
	throttle := ready.Sub(now)
	fetched, fetches := now, 0
	if r.ino != 0 {
		fetched, fetches = s.lazy.touch(r.ino, r.off, r.size, now, func() time.Duration {
			return s.jitter.sample(s.p.Lazy.Fetch)
		})
	}
	fetch := fetched.Sub(now)
	s.stats.add(r.op, r.bytes, latency, throttle, fetch, fetches)
	if total := fetch + throttle + latency; total > 0 {
		return reply{s: s, at: now.Add(s.compensated(total, r.roundTrips))}
	}
	return reply{}
}

// simple draws the delay of an operation that moves no data.
func (s *shaper) simple(op opcode, l Latency) reply { return s.serve(request{op: op, latency: l}) }

// reply is when a delayed request may be answered; the zero reply
// waits for nothing.
type reply struct {
	s  *shaper
	at time.Time
}

// wait returns once the request may be answered: at once if its work
// took longer than its delay.
func (r reply) wait() {
	if r.s != nil {
		r.s.sleep.until(r.at)
	}
}
