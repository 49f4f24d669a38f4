package compare

import "math"

// exactCDF returns P(U ≤ u) under the null hypothesis for samples of m
// and n values without ties. It uses the recurrence on the largest of the
// m+n values, which comes from the first sample with probability m/(m+n)
// and then beats all n values of the second:
//
//	P(m, n, u) = m/(m+n)·P(m−1, n, u−n) + n/(m+n)·P(m, n−1, u)
//
// (Mann and Whitney, 1947), kept in probabilities, which stay in [0, 1].
func exactCDF(m, n int, u float64) float64 {
	dist := exactDist(m, n)
	limit := int(math.Floor(u + 1e-9))
	var cdf float64
	for k := 0; k <= limit && k < len(dist); k++ {
		cdf += dist[k]
	}
	return math.Min(cdf, 1)
}

// exactDist returns P(U = k) for k = 0 … m·n.
func exactDist(m, n int) []float64 {
	// prev[j] holds the distribution for (i−1, j); cur[j] for (i, j).
	prev := make([][]float64, n+1)
	for j := range prev {
		prev[j] = []float64{1} // no values in the first sample: U = 0
	}
	for i := 1; i <= m; i++ {
		cur := make([][]float64, n+1)
		cur[0] = []float64{1}
		for j := 1; j <= n; j++ {
			d := make([]float64, i*j+1)
			pi, pj := float64(i)/float64(i+j), float64(j)/float64(i+j)
			for k, p := range prev[j] {
				d[k+j] += pi * p
			}
			for k, p := range cur[j-1] {
				d[k] += pj * p
			}
			cur[j] = d
		}
		prev = cur
	}
	return prev[n]
}

// minExactP is the smallest two-sided exact p that samples of m and n
// values can reach: every value of one beyond every value of the other.
func minExactP(m, n int) float64 {
	if m == 0 || n == 0 {
		return 1
	}
	// 2 / C(m+n, m), by a product that stays small.
	c := 1.0
	for k := 1; k <= m; k++ {
		c = c * float64(n+k) / float64(k)
	}
	return math.Min(1, 2/c)
}
