package compare

import (
	"math"
	"sort"

	"gonum.org/v1/gonum/stat/distuv"
)

// Names of the two ways UTest computes p.
const (
	MethodExact  = "Mann–Whitney U, exact"
	MethodNormal = "Mann–Whitney U, normal approximation with tie and continuity correction"
)

// exactLimit is the run count a side must stay under for the exact
// distribution (R's wilcox.test uses the same limit).
const exactLimit = 50

// UTest is the result of a two-sided Mann–Whitney U test of x against y.
// UX counts the pairs (x, y) with x > y, ties counting one half; U is
// min(UX, nx·ny − UX), the value printed in tables.
type UTest struct {
	UX     float64 `json:"u_x"`
	U      float64 `json:"u"`
	P      float64 `json:"p"`
	Exact  bool    `json:"exact"`
	Method string  `json:"method"`
}

// MannWhitney tests whether x and y come from the same distribution,
// against the two-sided alternative. Both must be non-empty and finite.
func MannWhitney(x, y []float64) UTest {
	nx, ny := float64(len(x)), float64(len(y))
	rankSumX, ties := rankSum(x, y)
	ux := rankSumX - nx*(nx+1)/2
	t := UTest{UX: ux, U: math.Min(ux, nx*ny-ux)}
	if ties == 0 && len(x) < exactLimit && len(y) < exactLimit {
		t.Exact, t.Method = true, MethodExact
		t.P = math.Min(1, 2*exactCDF(len(x), len(y), t.U))
		return t
	}
	t.Method = MethodNormal
	t.P = normalP(ux, nx, ny, ties)
	return t
}

// rankSum returns the sum of the mid-ranks of x in x ∪ y, and Σ(t³ − t)
// over the groups of t tied values.
func rankSum(x, y []float64) (float64, float64) {
	type item struct {
		v   float64
		inX bool
	}
	all := make([]item, 0, len(x)+len(y))
	for _, v := range x {
		all = append(all, item{v, true})
	}
	for _, v := range y {
		all = append(all, item{v, false})
	}
	sort.Slice(all, func(i, j int) bool { return all[i].v < all[j].v })
	var sum, ties float64
	for i := 0; i < len(all); {
		j := i
		for j < len(all) && all[j].v == all[i].v {
			j++
		}
		midRank := float64(i+j+1) / 2 // ranks i+1 … j
		for k := i; k < j; k++ {
			if all[k].inX {
				sum += midRank
			}
		}
		t := float64(j - i)
		ties += t*t*t - t
		i = j
	}
	return sum, ties
}

// normalP is the two-sided p of the normal approximation, with the
// variance corrected for ties and a continuity correction of ½ towards
// the mean, as R's wilcox.test(exact = FALSE, correct = TRUE) computes.
func normalP(ux, nx, ny, ties float64) float64 {
	n := nx + ny
	variance := nx * ny / 12 * ((n + 1) - ties/(n*(n-1)))
	if variance <= 0 || math.IsNaN(variance) {
		return 1
	}
	d := ux - nx*ny/2
	switch {
	case d > 0:
		d -= 0.5
	case d < 0:
		d += 0.5
	}
	return math.Min(1, 2*distuv.UnitNormal.CDF(-math.Abs(d)/math.Sqrt(variance)))
}
