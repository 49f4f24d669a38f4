package emufs

import "time"

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
	// dataPath is how the mount moves file data, set once at mount.
	dataPath DataPath
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
}

// serve delays the calling request: first any lazy fetch, then any wait
// for the caps, then the sampled latency, one after the other as a
// client would see them. It records the delay before waiting, so Stats
// includes requests still in flight.
func (s *shaper) serve(r request) {
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
		s.sleep.until(now.Add(total))
	}
}

// simple delays an operation that moves no data.
func (s *shaper) simple(op opcode, l Latency) { s.serve(request{op: op, latency: l}) }
