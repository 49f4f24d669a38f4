package main

import (
	"context"
	"errors"

	"github.com/jsbench/jsbench/bench/analyze/compare"
)

// Exit codes of jsbench: one convention for every command, documented in
// README.md ("Exit codes"). A nightly job branches on them, so each code
// means one thing whatever the command:
//
//	0   success; for compare (and run with a baseline) no regression
//	1   a regression (compare, run with a baseline): never an error
//	2   unusable input or a missing prerequisite: a bad scenario, results
//	    file, archive or flag; no Docker, no space, a controller binary
//	    that cannot run; every error that is not one of the codes below
//	3   inconclusive: the host was too noisy to judge (compare, run with a
//	    baseline)
//	4   run: some runs, or whole volumes, failed; what was measured is kept
//	5   run: nothing was measured (every run failed, or none ran)
//	130 interrupted (Ctrl-C or SIGTERM)
const (
	exitOK              = 0
	exitRegression      = 1
	exitUnusable        = 2
	exitInconclusive    = 3
	exitRunsFailed      = 4
	exitNothingMeasured = 5
	exitInterrupted     = 130
)

// outcomeExit is the exit status of a comparison's outcome.
func outcomeExit(o compare.Outcome) int {
	switch o {
	case compare.Regression:
		return exitRegression
	case compare.Inconclusive:
		return exitInconclusive
	case compare.Unusable:
		return exitUnusable
	}
	return exitOK
}

// exitError attaches an exit code to an error. A nil err with a code
// means "exit with this code, nothing more to say" (the command already
// printed its verdict).
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return "exit status"
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// withExitCode wraps err so that run exits with code.
func withExitCode(code int, err error) error { return &exitError{code: code, err: err} }

// exitCode maps the error a command returned to jsbench's exit status:
// the code attached to it, 130 after an interrupt, else 2. An error
// without a code is one the command could not get past, which is never a
// regression: a gate must not read a usage error, a missing file or a
// broken Docker daemon as "slower".
func exitCode(ctx context.Context, err error) int {
	var coded *exitError
	if errors.As(err, &coded) {
		return coded.code
	}
	if ctx.Err() != nil || errors.Is(err, context.Canceled) {
		return exitInterrupted
	}
	return exitUnusable
}
