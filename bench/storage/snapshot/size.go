package snapshot

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// sizeUnits are the suffixes ParseSize takes, as Kubernetes quantities
// spell them, with GNU's single letters for the binary ones.
var sizeUnits = []struct {
	suffix string
	factor float64
}{
	{"Ki", 1 << 10}, {"Mi", 1 << 20}, {"Gi", 1 << 30}, {"Ti", 1 << 40},
	{"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"T", 1 << 40},
	{"k", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"TB", 1e12},
}

// ParseSize reads a byte count for MaxBytes: a number of bytes, or one
// with a unit (512Mi, 20G, 1.5Ti, 200GB); -1 means no limit.
func ParseSize(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if s == "-1" {
		return -1, nil
	}
	factor := 1.0
	for _, u := range sizeUnits {
		if num, ok := strings.CutSuffix(s, u.suffix); ok {
			s, factor = num, u.factor
			break
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || !(v >= 0) || !(v*factor < math.MaxInt64) {
		return 0, fmt.Errorf("want a size such as 512Mi, 20G or 200GB (or -1 for no limit), got %q", s)
	}
	return int64(math.Ceil(v * factor)), nil
}
