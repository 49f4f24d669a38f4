package main

import (
	"context"
	"errors"
)

// Exit codes of jsbench. compare uses 1 for a regression and 2 for input
// it cannot judge; every other command uses 1 for an error.
const (
	exitOK          = 0
	exitFailure     = 1
	exitUnusable    = 2
	exitInterrupted = 130
)

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

func exitCode(ctx context.Context, err error) int {
	var coded *exitError
	if errors.As(err, &coded) {
		return coded.code
	}
	if ctx.Err() != nil || errors.Is(err, context.Canceled) {
		return exitInterrupted
	}
	return exitFailure
}
