// Command check prints what a busy host did to a scenario's figures,
// from two sessions of the same scenarios: one measured on the host as
// it was, one under a synthetic load (scripts/noise-check.sh makes
// both). It exits 1 when compare judges the loaded session a regression
// of the quiet one (a neighbour's load must never read as a regression),
// 2 when the input cannot be read, 0 otherwise.
//
//	go run ./cmd/jsbench-noise-check QUIET LOADED
package main

import (
	"fmt"
	"io"
	"os"

	"github.com/jsbench/jsbench/bench/analyze/compare"
	"github.com/jsbench/jsbench/bench/record/results"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) != 2 {
		fmt.Fprintln(stderr, "usage: check QUIET LOADED (results.jsonl or their directories)")
		return 2
	}
	quiet, qw, err := results.Load(args[0])
	if err != nil {
		fmt.Fprintln(stderr, "check:", err)
		return 2
	}
	loaded, lw, err := results.Load(args[1])
	if err != nil {
		fmt.Fprintln(stderr, "check:", err)
		return 2
	}
	for _, w := range append(qw, lw...) {
		fmt.Fprintln(stderr, "warning:", w)
	}
	s := summarize(quiet, loaded)
	s.write(stdout)
	if s.verdict.Outcome() == compare.Regression {
		fmt.Fprintln(stdout, "\nFAIL: the loaded session was judged a regression of the quiet one.")
		return 1
	}
	return 0
}
