// Command detection-power measures what the nightly regression gate
// catches: `plan` writes the default scenario with known regressions
// planted (more war entries, more jobs, slower emulated latencies, each
// at sizes of nfs-lan's ready time) and the order of the sessions that
// measure them in each host state; scripts/detection-power.sh runs
// them; `table` judges each against the baselines as `jsbench compare`
// does and prints the table: planted change × host state → verdicts,
// with the gate's goals. It exits 1 when a goal is not met, 2 on input
// it cannot read, 3 when a host state was not what its goals assume (a
// "quiet" host that was busy, a load that did not load).
//
//	go run ./cmd/jsbench-detection-power plan [flags] OUT
//	go run ./cmd/jsbench-detection-power table OUT
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `usage: detection-power plan [flags] OUT    write OUT/scenarios, OUT/plan.json and OUT/plan.tsv
       detection-power table OUT           judge OUT/sessions and print the table`

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, usage)
		return 2
	}
	switch args[0] {
	case "plan":
		return runPlan(args[1:], stdout, stderr)
	case "table":
		return runTable(args[1:], stdout, stderr)
	}
	fmt.Fprintln(stderr, usage)
	return 2
}

func runPlan(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("plan", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c planConfig
	var volumes, kinds, sizes, loadedSizes, states string
	fs.StringVar(&c.scenario, "scenario", "scenarios/storage-matrix.yaml", "the scenario to plant changes into")
	fs.StringVar(&volumes, "volumes", "local,nfs-lan", "the scenario's volumes to measure (the reference among them)")
	fs.IntVar(&c.runs, "runs", 6, "runs per volume in every session")
	fs.IntVar(&c.baselines, "baselines", 3, "quiet sessions without change: the shared baselines")
	fs.StringVar(&kinds, "kinds", "war,jobs,latency", "kinds of planted change")
	fs.StringVar(&sizes, "sizes", "5,20,50", "sizes of each change, in percent of nfs-lan's ready time")
	fs.StringVar(&loadedSizes, "loaded-sizes", "20", "sizes also measured under load")
	fs.StringVar(&states, "states", "quiet,loaded", "host states: quiet, loaded, cluster")
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 {
		fmt.Fprintln(stderr, usage)
		return 2
	}
	c.volumes, c.kinds, c.states = split(volumes), split(kinds), split(states)
	var err error
	if c.sizes, err = numbers(sizes); err == nil {
		c.loadedSizes, err = numbers(loadedSizes)
	}
	if err == nil {
		err = c.check()
	}
	if err == nil {
		var p Plan
		if p, err = c.write(fs.Arg(0)); err == nil {
			fmt.Fprintf(stdout, "detection-power: %d changes, %d sessions planned in %s/plan.tsv\n", len(p.Changes), len(p.Sessions), fs.Arg(0))
			return 0
		}
	}
	fmt.Fprintln(stderr, "detection-power:", err)
	return 2
}

// check refuses settings that cannot make the table.
func (c planConfig) check() error {
	for _, k := range c.kinds {
		if k != KindWar && k != KindJobs && k != KindLatency {
			return fmt.Errorf("unknown kind %q (war, jobs, latency)", k)
		}
	}
	for _, s := range c.states {
		if _, ok := stateTitles[s]; !ok {
			return fmt.Errorf("unknown state %q (quiet, loaded, cluster)", s)
		}
	}
	switch {
	case c.runs < 4:
		return fmt.Errorf("runs %d: compare needs 4 runs a side to reach p < 0.05", c.runs)
	case c.baselines < 2:
		return fmt.Errorf("baselines %d: A/A pairs need 2 at least", c.baselines)
	case len(c.volumes) == 0:
		return fmt.Errorf("no volumes")
	}
	return nil
}

func runTable(args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		fmt.Fprintln(stderr, usage)
		return 2
	}
	p, err := readPlan(args[0])
	if err != nil {
		fmt.Fprintln(stderr, "detection-power:", err)
		return 2
	}
	t, err := load(args[0], p)
	if err != nil {
		fmt.Fprintln(stderr, "detection-power:", err)
		return 2
	}
	t.write(stdout, readTiming(args[0]))
	code := verdictOf(t.goals())
	switch code {
	case 1:
		fmt.Fprintln(stdout, "\nFAIL: a goal of the gate is not met.")
	case 3:
		fmt.Fprintln(stdout, "\nINCONCLUSIVE: a host state was not what its goals assume; measure again.")
	}
	return code
}

func split(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func numbers(s string) ([]float64, error) {
	var out []float64
	for _, f := range split(s) {
		v, err := strconv.ParseFloat(strings.TrimSuffix(f, "%"), 64)
		if err != nil || v <= 0 {
			return nil, fmt.Errorf("size %q: want a positive percentage", f)
		}
		out = append(out, v)
	}
	return out, nil
}
