package calibrate

import (
	"fmt"
	"strconv"
	"strings"
)

// Workload is the war the simulated controller extracts, sized after the
// log's Jenkins version; plugins and jobs come from the scenario's home.
type Workload struct {
	WarEntries int
	WarMB      float64
	// Basis says where the figures come from.
	Basis string
}

// War sizes by release (../shared/calibration.md, "WAR and JENKINS_HOME
// composition"): 2.346.1 91.2 MB, 2.541.3 96.3 MB, 2.555.1 100.1 MB,
// 2.568.3 about 101 MB; weekly 2.580 dropped the 48 bundled plugins, 53 MB.
var warSizes = []struct {
	minor int
	mb    float64
}{{346, 91.2}, {541, 96.3}, {555, 100.1}, {568, 101}}

const (
	// warEntries is "about 1,000 entries in a 2.4xx war".
	warEntries = 1000
	// unbundledMinor is the first weekly without bundled plugins, and
	// unbundledMB its war's size; it has 48 entries fewer.
	unbundledMinor   = 580
	unbundledMB      = 53
	bundledPlugins   = 48
	defaultVersionMB = 96.3 // 2.541.3, the simulated controller's own war
)

// WorkloadFor sizes the war of a Jenkins version ("2.426.2"): the listed
// size of that release, interpolated between listed releases, or the
// nearest one outside them.
func WorkloadFor(version string) Workload {
	minor, ok := minorOf(version)
	switch {
	case !ok:
		return Workload{WarEntries: warEntries, WarMB: defaultVersionMB,
			Basis: fmt.Sprintf("the log names no 2.x version (%q): war of 2.541.3, 96.3 MB, 1,000 entries", version)}
	case minor >= unbundledMinor:
		return Workload{WarEntries: warEntries - bundledPlugins, WarMB: unbundledMB,
			Basis: fmt.Sprintf("Jenkins %s: war without bundled plugins (2.580 and later), 53 MB, %d entries", version, warEntries-bundledPlugins)}
	}
	mb, how := interpolate(minor)
	return Workload{WarEntries: warEntries, WarMB: mb,
		Basis: fmt.Sprintf("Jenkins %s: war of %.1f MB (%s), 1,000 entries (calibration.md)", version, mb, how)}
}

// minorOf reads the 426 of "2.426.2".
func minorOf(version string) (int, bool) {
	parts := strings.Split(version, ".")
	if len(parts) < 2 || parts[0] != "2" {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimRightFunc(parts[1], func(r rune) bool { return r < '0' || r > '9' }))
	return n, err == nil
}

func interpolate(minor int) (float64, string) {
	first, last := warSizes[0], warSizes[len(warSizes)-1]
	switch {
	case minor <= first.minor:
		return first.mb, fmt.Sprintf("as 2.%d, the oldest listed", first.minor)
	case minor >= last.minor:
		return last.mb, fmt.Sprintf("as 2.%d, the newest listed", last.minor)
	}
	for i := 1; i < len(warSizes); i++ {
		lo, hi := warSizes[i-1], warSizes[i]
		if minor <= hi.minor {
			mb := lo.mb + (hi.mb-lo.mb)*float64(minor-lo.minor)/float64(hi.minor-lo.minor)
			return mb, fmt.Sprintf("between 2.%d's %.1f MB and 2.%d's %.1f MB", lo.minor, lo.mb, hi.minor, hi.mb)
		}
	}
	return last.mb, ""
}
