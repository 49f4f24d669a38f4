package compare

import (
	"math/rand/v2"
	"sort"

	"github.com/jsbench/jsbench/bench/analyze/stats"
)

// changeCI returns a percentile-bootstrap interval at level for the
// change of the median from base to cur, in percent: each of resamples
// rounds draws both samples again with replacement and computes
// 100·(median(cur*)/median(base*) − 1). The generator is seeded, so the
// same input gives the same interval.
func changeCI(base, cur []float64, level float64, resamples int, seed uint64) (lo, hi float64) {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	changes := make([]float64, 0, resamples)
	bufB := make([]float64, len(base))
	bufC := make([]float64, len(cur))
	for range resamples {
		mb := resampleMedian(rng, base, bufB)
		mc := resampleMedian(rng, cur, bufC)
		if mb > 0 {
			changes = append(changes, changePct(mb, mc))
		}
	}
	if len(changes) == 0 {
		return 0, 0
	}
	sort.Float64s(changes)
	tail := (1 - level) / 2
	return stats.Quantile(changes, tail), stats.Quantile(changes, 1-tail)
}

func resampleMedian(rng *rand.Rand, from, buf []float64) float64 {
	for i := range buf {
		buf[i] = from[rng.IntN(len(from))]
	}
	sort.Float64s(buf)
	return stats.Quantile(buf, 0.5)
}

// changePct is the change from base to cur in percent of base.
func changePct(base, cur float64) float64 { return 100 * (cur/base - 1) }
