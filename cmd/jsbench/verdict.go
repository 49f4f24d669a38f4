package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/jsbench/jsbench/bench/suite"
	"github.com/jsbench/jsbench/bench/tally"
)

// sessionExit ends `jsbench run`: it prints err, if any, then the
// one-line verdict of the session as the last line, and returns the exit
// status (README.md, "Exit codes"). err is what the session returned,
// joined with any error writing its outputs.
//
//   - an error before the first run (a prerequisite, a bad flag): 2
//   - interrupted: 130, naming what was measured before the interrupt
//   - nothing measured: 5; some runs or whole volumes failed: 4
//   - every run measured, but an output could not be written: 2
func sessionExit(w io.Writer, interrupted bool, out suite.Outcome, err error) error {
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
	case t.Status == tally.SomeFailed:
		code = exitRunsFailed
	case err != nil:
		code = exitUnusable
	}
	fmt.Fprintln(w, t.Line())
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
