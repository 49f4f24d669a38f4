package emufs

import (
	"math"
	"math/rand/v2"
	"sync"
	"time"
)

// maxZ bounds a lognormal draw at four standard deviations, so that one
// unlucky sample cannot stall a run (at sigma 0.6 the bound is 11× the
// median; a draw beyond it has odds of 1 in 30,000).
const maxZ = 4

// sampler draws delays from a seeded generator, so two mounts with the
// same seed and the same sequence of requests inject the same delays.
type sampler struct {
	mu  sync.Mutex
	rng *rand.Rand
}

func newSampler(seed uint64) *sampler {
	return &sampler{rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

// sample returns a delay whose median is l.Median and whose logarithm
// has standard deviation l.Sigma.
func (s *sampler) sample(l Latency) time.Duration {
	if l.Median <= 0 {
		return 0
	}
	if l.Sigma == 0 {
		return l.Median.D()
	}
	s.mu.Lock()
	z := s.rng.NormFloat64()
	s.mu.Unlock()
	z = math.Max(-maxZ, math.Min(maxZ, z))
	return time.Duration(float64(l.Median) * math.Exp(l.Sigma*z))
}
