package htmlreport

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// unit is how a chart or a table shows durations.
type unit struct {
	name    string  // "s" or "ms"
	long    string  // "seconds" or "milliseconds"
	perUnit float64 // milliseconds per unit
}

var (
	seconds      = unit{name: "s", long: "seconds", perUnit: 1000}
	milliseconds = unit{name: "ms", long: "milliseconds", perUnit: 1}
)

// unitFor picks seconds once the largest value reaches one second, so
// that axis labels stay short.
func unitFor(maxMS float64) unit {
	if maxMS >= 1000 {
		return seconds
	}
	return milliseconds
}

// of converts milliseconds to the unit, rounded to what a chart shows.
func (u unit) of(ms float64) float64 {
	v := ms / u.perUnit
	return math.Round(v*1000) / 1000
}

// duration formats milliseconds with a unit and about three significant
// digits: "4.01 s", "12.3 s", "850 ms", "0.42 ms".
func duration(ms float64) string {
	if math.IsNaN(ms) || math.IsInf(ms, 0) {
		return "–"
	}
	a := math.Abs(ms)
	switch {
	case a >= 3_600_000:
		return trimZeros(fmt.Sprintf("%.2f", ms/3_600_000)) + " h"
	case a >= 120_000:
		return trimZeros(fmt.Sprintf("%.1f", ms/60_000)) + " min"
	case a >= 1000:
		return significant(ms/1000) + " s"
	}
	return significant(ms) + " ms"
}

// significant keeps three significant digits, no exponent.
func significant(v float64) string {
	a := math.Abs(v)
	switch {
	case a >= 100:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case a >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64)
	case a >= 1:
		return strconv.FormatFloat(v, 'f', 2, 64)
	case a == 0:
		return "0"
	}
	return trimZeros(strconv.FormatFloat(v, 'f', 3, 64))
}

func trimZeros(s string) string {
	if !strings.Contains(s, ".") {
		return s
	}
	return strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
}

// ratio formats how many times slower: "4.5×", "1.02×", "120×".
func ratio(r float64) string {
	return significant(r) + "×"
}

// bytesText formats a size in binary units.
func bytesText(n int64) string {
	const k = 1024
	switch {
	case n >= k*k*k:
		return significant(float64(n)/(k*k*k)) + " GiB"
	case n >= k*k:
		return significant(float64(n)/(k*k)) + " MiB"
	case n >= k:
		return significant(float64(n)/k) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " B"
}

// phaseLabel turns a phase name into words: "war_extraction" → "war extraction".
func phaseLabel(name string) string {
	return strings.ReplaceAll(name, "_", " ")
}
