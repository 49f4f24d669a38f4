package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/jsbench/jsbench/bench/analyze/stats"
	"github.com/jsbench/jsbench/bench/measure/suite"
	"github.com/jsbench/jsbench/bench/plan/scenario"
	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/bench/runtime/container"
	"github.com/jsbench/jsbench/bench/runtime/runtimes"
)

// startupScenario is the FUSE layer's cost on a whole start: the
// simulated controller of the default scenario (100 jobs × 5 builds,
// 20 plugins, cold), on local disk and on an emulated volume that
// injects nothing, interleaved.
const startupScenario = `version: 1
name: fuse-overhead
subject: {kind: sim, runtime: %s}
home: {kind: generated, jobs: 100, builds_per_job: 5, plugins: 20, seed: 1}
volumes:
  - {name: local, kind: local}
  - {name: fuse, kind: emulated, profile: none}
runs: %d
warmup: 1
timeout: 5m
`

// startupTable runs the simulated controller's start on local disk and
// through the none profile and prints the medians and the paired ratio,
// once for each way of keeping the CPUs awake that cfg.awake lists.
func startupTable(w io.Writer, scratch string, cfg config) error {
	if cfg.runtime == "container" {
		if err := container.Available(context.Background()); err != nil {
			fmt.Fprintf(w, "\nNo Docker daemon (%v): the simulated controller runs as a process.\n", err)
			cfg.runtime = "process"
		}
	}
	for _, mode := range cfg.awake {
		release, err := keepAwake(mode)
		if err != nil {
			return err
		}
		err = startupRows(w, scratch, cfg, mode)
		release()
		if err != nil {
			return err
		}
	}
	return nil
}

// startupRows is one startup table, the CPUs kept awake as mode says.
func startupRows(w io.Writer, scratch string, cfg config, mode string) error {
	sc, err := scenario.Parse("fuse-overhead.yaml", []byte(fmt.Sprintf(startupScenario, cfg.runtime, cfg.startups)), runtimes.Specs())
	if err != nil {
		return err
	}
	out := filepath.Join(scratch, "startup-"+mode)
	defer os.RemoveAll(out)
	outcome, err := suite.Run(context.Background(), suite.Config{Scenarios: []*scenario.Scenario{sc}, OutDir: out,
		WorkRoot: filepath.Join(scratch, "work-"+mode), SimBinary: cfg.simBinary})
	if err != nil {
		return fmt.Errorf("run the simulated controller: %w", err)
	}
	fmt.Fprintf(w, "\n| simulated controller's start (%s, %d runs each, interleaved, CPUs: %s) | local disk | FUSE, none profile | ratio |\n|---|---|---|---|\n", cfg.runtime, cfg.startups, mode)
	medians := mediansOf(outcome.Records)
	for _, phase := range []string{"ready", "log_ready"} {
		local, fuse := medians[stats.Key{Volume: "local", Phase: phase}], medians[stats.Key{Volume: "fuse", Phase: phase}]
		fmt.Fprintf(w, "| median %s | %.2f s | %.2f s | %.2f× |\n", phase, local/1000, fuse/1000, fuse/local)
	}
	for _, p := range stats.Paired(outcome.Records) {
		ci := "no CI below 6 runs"
		if p.HasCI {
			ci = fmt.Sprintf("%.2f–%.2f", p.CILow, p.CIHigh)
		}
		fmt.Fprintf(w, "| paired ratio of ready times, run by run (median [95%% CI]) | | | %.2f× [%s] |\n", p.MedianRatio, ci)
	}
	return nil
}

// mediansOf maps each volume and phase (the key's Scenario left empty)
// to its median over its measured runs, taken from the first summary
// that has any.
func mediansOf(records []results.Record) map[stats.Key]float64 {
	out := map[stats.Key]float64{}
	for _, s := range stats.Summarize(records, stats.Options{}) {
		k := stats.Key{Volume: s.Volume, Phase: s.Phase}
		if _, seen := out[k]; !seen && s.N > 0 {
			out[k] = s.MedianMS
		}
	}
	return out
}
