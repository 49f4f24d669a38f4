package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/jsbench/jsbench/bench/analyze/compare"
	"github.com/jsbench/jsbench/bench/measure/suite"
	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/bench/render/report"
)

// writeSummary writes results.json and the HTML report (index.html) next
// to results.jsonl and prints the terminal table of the session. With a
// baseline it compares the session with it too, in both files and after
// the table, and returns the verdict.
func writeSummary(ctx context.Context, stdout io.Writer, outDir string, out suite.Outcome, base *baseline) (*compare.Verdict, error) {
	var before []results.Record
	opts := compare.Options{}
	if base != nil {
		before, opts = base.records, base.opts
	}
	m := report.Build(out.Records, before, opts)
	m.Config = suite.Environment(ctx)
	if base != nil {
		m.Warnings = append(m.Warnings, base.warnings...)
	}
	err := errors.Join(writeSummaryFiles(outDir, m), report.Table(stdout, m))
	if m.Verdict != nil {
		fmt.Fprintf(stdout, "\nAgainst the baseline %s:\n", base.path)
		err = errors.Join(err, report.Verdict(stdout, m))
	}
	return m.Verdict, err
}

// writeSummaryFiles writes results.json and index.html into outDir.
func writeSummaryFiles(outDir string, m report.Model) error {
	path := filepath.Join(outDir, "results.json")
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("write summary: %w", err)
	}
	err = report.JSON(f, m)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write summary %q: %w", path, err)
	}
	return writeHTML(outDir, m)
}
