package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/jsbench/jsbench/bench/analyze/stats"
)

// GoBench writes the raw samples in the Go benchmark text format, so that
// benchstat (golang.org/x/perf/cmd/benchstat) can read and compare them:
// the Model's Config lines, then for each subject its key lines
// ("subject:", "simulated:", "jenkins-version:"), then one line per run
//
//	BenchmarkStartup/scenario=S/volume=V/phase=P 1 40123000000 ns/op
//
// Spaces and slashes in names become underscores. Only the runs that
// finished are there; benchstat computes its own summaries.
func GoBench(w io.Writer, m Model) error {
	var b strings.Builder
	for _, c := range m.Config {
		fmt.Fprintf(&b, "%s: %s\n", configKey(c.Key), oneLine(c.Value))
	}
	var subject string
	for _, s := range m.Summaries {
		if lines := subjectLines(s); lines != subject {
			b.WriteString(lines)
			subject = lines
		}
		name := "BenchmarkStartup/scenario=" + benchPart(s.Scenario) + "/volume=" + benchPart(s.Volume) + "/phase=" + lastPart(s.Phase)
		for _, v := range s.SamplesMS {
			fmt.Fprintf(&b, "%s 1 %s ns/op\n", name, strconv.FormatFloat(v*1e6, 'f', 0, 64))
		}
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

func subjectLines(s stats.Summary) string {
	lines := fmt.Sprintf("subject: %s\nsimulated: %t\n", oneLine(s.Subject.Name), s.Subject.Simulated)
	if s.Subject.JenkinsVersion != "" {
		lines += "jenkins-version: " + oneLine(s.Subject.JenkinsVersion) + "\n"
	}
	return lines
}

// benchPart makes a name part that the benchmark format keeps whole: no
// spaces (they end the name) and no slashes (they separate parts).
func benchPart(s string) string {
	if s == "" {
		return "_"
	}
	return strings.Map(func(r rune) rune {
		if r == '/' || r == ' ' || r == '\t' || r == '\n' || r == '\r' {
			return '_'
		}
		return r
	}, s)
}

// lastPart is benchPart for the end of the name, where the format would
// read a "-N" suffix as GOMAXPROCS.
func lastPart(s string) string {
	s = benchPart(s)
	if i := strings.LastIndexByte(s, '-'); i >= 0 && i < len(s)-1 && strings.Trim(s[i+1:], "0123456789") == "" {
		s += "_"
	}
	return s
}

// configKey makes a key that the format reads as a config line: it must
// start with a lower-case letter and hold no space or upper-case letter.
func configKey(k string) string {
	k = strings.ToLower(strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == ':' {
			return '-'
		}
		return r
	}, k))
	if k == "" || k[0] < 'a' || k[0] > 'z' {
		k = "x" + k
	}
	return k
}

func oneLine(s string) string { return strings.NewReplacer("\n", " ", "\r", " ").Replace(s) }
