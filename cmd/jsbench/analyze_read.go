package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/jsbench/jsbench/bench/observe/jenkinslog"
	"github.com/jsbench/jsbench/bench/render/analysis"
)

// readLogsUntil is readLogs, given up when ctx ends: a first Ctrl-C
// stops a long read at once. The parse stops at its next read of the
// file; a read of standard input that waits for more (a pipe from
// `tail -f`) is left behind.
func readLogsUntil(ctx context.Context, names []string, stdin io.Reader, opts jenkinslog.Options) ([]analysis.Log, error) {
	type read struct {
		logs []analysis.Log
		err  error
	}
	done := make(chan read, 1)
	go func() {
		logs, err := readLogs(ctx, names, stdin, opts)
		done <- read{logs, err}
	}()
	select {
	case r := <-done:
		return r.logs, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// readLogs parses every named log; it reports every file it could not
// read, not only the first.
func readLogs(ctx context.Context, names []string, stdin io.Reader, opts jenkinslog.Options) ([]analysis.Log, error) {
	var logs []analysis.Log
	var errs []error
	for _, name := range names {
		res, err := readLog(ctx, name, stdin, opts)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		logs = append(logs, analysis.Log{Name: displayName(name), Result: res})
	}
	return logs, errors.Join(errs...)
}

func readLog(ctx context.Context, name string, stdin io.Reader, opts jenkinslog.Options) (jenkinslog.Result, error) {
	if name == "-" {
		return parseMaybeGzip(ctxReader{ctx, stdin}, "standard input", opts)
	}
	f, err := os.Open(name)
	if err != nil {
		return jenkinslog.Result{}, fmt.Errorf("open log: %w", err)
	}
	defer f.Close()
	return parseMaybeGzip(ctxReader{ctx, f}, name, opts)
}

// parseMaybeGzip parses r, unpacked when it is gzip-compressed.
func parseMaybeGzip(r io.Reader, name string, opts jenkinslog.Options) (jenkinslog.Result, error) {
	res, err := jenkinslog.ParseMaybeGzip(r, opts)
	if err != nil {
		return res, fmt.Errorf("read %q: %w", name, err)
	}
	return res, nil
}

func displayName(name string) string {
	if name == "-" {
		return "standard input"
	}
	return filepath.Base(name)
}

// ctxReader reads until ctx ends, then fails with its error: a parse
// cut short by Ctrl-C stops at its next read instead of running to the
// end of the log.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(b []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(b)
}

// ctxWriter is ctxReader's counterpart for a report being written.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(b []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(b)
}
