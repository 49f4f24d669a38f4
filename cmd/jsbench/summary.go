package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/jsbench/jsbench/bench/compare"
	"github.com/jsbench/jsbench/bench/report"
	"github.com/jsbench/jsbench/bench/suite"
)

// writeSummary writes results.json and the HTML report (index.html) next
// to results.jsonl and prints the terminal table of the session.
func writeSummary(ctx context.Context, stdout io.Writer, outDir string, out suite.Outcome) error {
	m := report.Build(out.Records, nil, compare.Options{})
	m.Config = suite.Environment(ctx)
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
	if err := writeHTML(outDir, m); err != nil {
		return err
	}
	return report.Table(stdout, m)
}
