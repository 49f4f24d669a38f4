package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/jsbench/jsbench/bench/analyze/compare"
	"github.com/jsbench/jsbench/bench/analyze/stats"
)

// The JUnit elements, in the order the Jenkins junit schema
// (junit-4.xsd of the Jenkins test-result tooling) requires: a testcase
// holds skipped, then error, then failure, then system-out.
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr,omitempty"`
	Skipped   *junitSkipped `xml:"skipped"`
	Error     *junitProblem `xml:"error"`
	Failure   *junitProblem `xml:"failure"`
	SystemOut string        `xml:"system-out,omitempty"`
}

// junitSkipped marks a case not judged, the reason as its text (the
// schema's skipped element holds text only; Jenkins shows it).
type junitSkipped struct {
	Message string `xml:",chardata"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// JUnit writes the Model as JUnit XML. Each scenario × volume × phase is
// a testcase named after the phase, of class scenario.volume, whose time
// is the new median in seconds. With a verdict, a regression is a
// failure and an unusable row an error, with the figures in the message;
// input problems that belong to no row are errors of the case
// jsbench.input, and a row inconclusive on a noisy host is skipped with
// the reason (naming the busy runs). Without a verdict, a phase fails
// when runs did not finish.
func JUnit(w io.Writer, m Model) error {
	suite := junitSuite{Name: "jsbench"}
	if m.Verdict != nil {
		suite.Cases = verdictCases(*m.Verdict, m.Summaries)
	} else {
		suite.Cases = summaryCases(m.Summaries)
	}
	suite.Tests = len(suite.Cases)
	for _, c := range suite.Cases {
		if c.Failure != nil {
			suite.Failures++
		}
		if c.Error != nil {
			suite.Errors++
		}
		if c.Skipped != nil {
			suite.Skipped++
		}
	}
	doc := junitSuites{Name: "jsbench", Tests: suite.Tests, Failures: suite.Failures, Errors: suite.Errors, Suites: []junitSuite{suite}}
	out, err := xml.MarshalIndent(doc, "", "  ")
	if err != nil {
		return fmt.Errorf("encode junit: %w", err)
	}
	if _, err := io.WriteString(w, xml.Header+string(out)+"\n"); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

func summaryCases(summaries []stats.Summary) []junitCase {
	cases := make([]junitCase, 0, len(summaries))
	for _, s := range summaries {
		c := junitCase{Name: s.Phase, Classname: s.Scenario + "." + s.Volume, Time: seconds(s.MedianMS), SystemOut: summaryLine(s)}
		if n := unfinished(s); n > 0 || s.N == 0 {
			msg := fmt.Sprintf("%d of %d runs did not finish (%d failed, %d timed out, %d errors)", n, n+s.N, s.Failed, s.TimedOut, s.Errors)
			c.Failure = &junitProblem{Message: msg, Type: "unfinished", Text: strings.Join(s.Warnings, "\n")}
		}
		cases = append(cases, c)
	}
	return cases
}

func verdictCases(v compare.Verdict, summaries []stats.Summary) []junitCase {
	var cases []junitCase
	rowReasons := map[string]bool{}
	for _, r := range v.Rows {
		c := junitCase{Name: r.Phase, Classname: r.Scenario + "." + r.Volume, Time: seconds(r.CurrentMedianMS),
			SystemOut: r.Reason + "\n" + strings.Join(r.Warnings, "\n")}
		msg := fmt.Sprintf("%s: %s", r.Key, r.Reason)
		switch r.Status {
		case compare.StatusRegression:
			c.Failure = &junitProblem{Message: msg, Type: "regression", Text: rowDetail(r)}
		case compare.StatusUnusable:
			c.Error = &junitProblem{Message: msg, Type: "unusable", Text: rowDetail(r)}
			rowReasons[r.Key.String()+": "+r.Reason] = true
		case compare.StatusInconclusive:
			c.Skipped = &junitSkipped{Message: "inconclusive: " + msg}
		}
		cases = append(cases, c)
	}
	var rest []string
	for _, u := range v.Unusable {
		if !rowReasons[u] {
			rest = append(rest, u)
		}
	}
	if len(rest) > 0 {
		cases = append(cases, junitCase{Name: "input", Classname: "jsbench",
			Error: &junitProblem{Message: strings.Join(rest, "; "), Type: "unusable", Text: strings.Join(rest, "\n")}})
	}
	return cases
}

func rowDetail(r compare.Row) string {
	return fmt.Sprintf("baseline: %d runs, median %s ms\nnew: %d runs, median %s ms\nchange: %s\ntest: %s, U = %g, p = %.4g",
		r.BaselineN, ms(r.BaselineMedianMS), r.CurrentN, ms(r.CurrentMedianMS), changeText(r), r.Test.Method, r.Test.U, r.Test.P)
}

func summaryLine(s stats.Summary) string {
	return fmt.Sprintf("%d runs: median %s ms, 95%% CI %s, p5 %s, p95 %s ms", s.N, ms(s.MedianMS), ciText(s), ms(s.P5MS), ms(s.P95MS))
}

// seconds renders milliseconds as the decimal seconds JUnit's time
// attribute takes (no exponent, no thousands separator).
func seconds(msValue float64) string {
	if msValue <= 0 {
		return "0"
	}
	return strconv.FormatFloat(msValue/1000, 'f', 3, 64)
}
