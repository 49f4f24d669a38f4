package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/jsbench/jsbench/bench/analyze/compare"
	"github.com/jsbench/jsbench/bench/analyze/tally"
	"github.com/jsbench/jsbench/bench/measure/suite"
)

// sessionExit ends `jsbench run`: it prints err, if any, then the
// one-line verdict of the session as the last line, and returns the exit
// status (README.md, "Exit codes"). err is what the session returned,
// joined with any error writing its outputs; baseline is the comparison
// with `--baseline`, nil without one.
//
//   - an error before the first run (a prerequisite, a bad flag): 2
//   - interrupted: 130, naming what was measured before the interrupt
//   - nothing measured: 5
//   - a regression against the baseline: 1
//   - some runs or whole volumes failed: 4
//   - inconclusive against the baseline (host too noisy): 3
//   - an output could not be written, or the baseline could not be
//     compared with: 2
func sessionExit(w io.Writer, interrupted bool, out suite.Outcome, baseline *compare.Verdict, err error) error {
	if err != nil && !out.Started && !interrupted {
		return withExitCode(exitUnusable, err)
	}
	if err = dropCanceled(err); err != nil {
		fmt.Fprintf(w, "jsbench: %v\n", err)
	}
	t := tally.Of(out.Records)
	code := exitOK
	switch {
	case interrupted:
		fmt.Fprintf(w, "verdict: interrupted after %d measured run%s\n", t.Measured, plural(t.Measured))
		return withExitCode(exitInterrupted, nil)
	case t.Status == tally.NothingMeasured:
		code = exitNothingMeasured
	case baseline != nil && baseline.Outcome() == compare.Regression:
		code = exitRegression
	case t.Status == tally.SomeFailed:
		code = exitRunsFailed
	case baseline != nil && baseline.Outcome() == compare.Inconclusive:
		code = exitInconclusive
	case err != nil, baseline != nil && baseline.Outcome() != compare.NoRegression:
		code = exitUnusable
	}
	line := t.Line()
	if baseline != nil {
		line += "; against the baseline: " + baselineLine(*baseline)
	}
	fmt.Fprintln(w, line)
	if code == exitOK {
		return nil
	}
	return withExitCode(code, nil)
}

// dropCanceled removes the context's cancellation from err: after an
// interrupt it says nothing the verdict does not.
func dropCanceled(err error) error {
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		var kept []error
		for _, e := range joined.Unwrap() {
			kept = append(kept, dropCanceled(e))
		}
		return errors.Join(kept...)
	}
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// baselineLine is the comparison's headline for the verdict line: the
// rows that cannot be compared are counted, not listed (the table above
// lists them).
func baselineLine(v compare.Verdict) string {
	if v.Outcome() != compare.Unusable {
		return v.Headline()
	}
	lines := v.UnusableLines()
	if len(lines) == 1 {
		return "unusable input: " + lines[0]
	}
	return fmt.Sprintf("unusable input: %s, and %d more (listed above)", lines[0], len(lines)-1)
}
