package main

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/jsbench/jsbench/bench/analyze/compare"
)

// TestExitCodesAreOneConvention checks how compare's outcomes and errors
// map to exit codes: an attached code wins, an interrupt is 130, and any
// other error is 2, never 1 (which means a regression).
func TestExitCodesAreOneConvention(t *testing.T) {
	for o, want := range map[compare.Outcome]int{compare.NoRegression: exitOK, compare.Regression: exitRegression,
		compare.Unusable: exitUnusable, compare.Inconclusive: exitInconclusive} {
		if got := outcomeExit(o); got != want {
			t.Errorf("outcome %q exits %d, want %d", o, got, want)
		}
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name string
		ctx  context.Context
		err  error
		want int
	}{
		{"plain error", context.Background(), errors.New("open results: no such file"), exitUnusable},
		{"attached code", context.Background(), withExitCode(exitRunsFailed, nil), exitRunsFailed},
		{"attached code, wrapped", context.Background(), fmt.Errorf("run: %w", withExitCode(exitNothingMeasured, errors.New("x"))), exitNothingMeasured},
		{"interrupted", cancelled, errors.New("anything"), exitInterrupted},
		{"cancellation", context.Background(), fmt.Errorf("populate: %w", context.Canceled), exitInterrupted},
	}
	for _, tt := range tests {
		if got := exitCode(tt.ctx, tt.err); got != tt.want {
			t.Errorf("%s: exit %d, want %d", tt.name, got, tt.want)
		}
	}
}

// TestUnknownCommandAndFlagsAreUnusable checks the errors cobra makes.
func TestUnknownCommandAndFlagsAreUnusable(t *testing.T) {
	for _, args := range [][]string{{"frobnicate"}, {"run", "--no-such-flag"}, {"report"}, {"version", "extra"}} {
		if code, _, stderr := runCLI(args...); code != exitUnusable {
			t.Errorf("%v: exit %d, want %d (%s)", args, code, exitUnusable, stderr)
		}
	}
}
