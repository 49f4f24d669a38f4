package suite

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/jsbench/jsbench/bench/lifecycle/sweep"
	"github.com/jsbench/jsbench/bench/lifecycle/workdir"
	"github.com/jsbench/jsbench/bench/measure/runner"
	"github.com/jsbench/jsbench/bench/plan/scenario"
	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/bench/runtime/contract"
	"github.com/jsbench/jsbench/bench/runtime/runtimes"
	"github.com/jsbench/jsbench/bench/storage/pagecache"
)

// Config is what a measuring session needs.
type Config struct {
	Scenarios []*scenario.Scenario
	// OutDir receives results.jsonl and results.json.
	OutDir string
	// WorkRoot holds the suite's scratch directory (default: workdir.DefaultRoot()).
	WorkRoot string
	// SimBinary is the simulated controller, if not found by FindSimBinary.
	SimBinary string
	// CacheDir keeps the simulated war between sessions.
	CacheDir string
	// Progress is told about each run.
	Progress runner.Progress
	// Swept, when set, is told what the sweep removed and kept as soon
	// as it is done, before the first run (Outcome holds them too).
	Swept func(removed, kept []string)
}

// Outcome is what a session produced.
type Outcome struct {
	SuiteID string
	// ResultsFile is the results.jsonl every run was appended to.
	ResultsFile string
	Records     []results.Record
	// Swept lists what was left behind by a killed earlier session and
	// removed before this one started.
	Swept []string
	// Started is set once the first run may have begun: an error before
	// it is one of setting up (a prerequisite), not of measuring.
	Started bool
	// Kept lists what earlier sessions left that jsbench does not delete
	// (a cluster's volumes with reclaim policy Retain), with the remedy.
	Kept []string
}

// Run measures every scenario. Whatever happens, and also when ctx is
// cancelled, it removes what it created and returns the runs recorded.
func Run(ctx context.Context, cfg Config) (Outcome, error) {
	out := Outcome{SuiteID: newSuiteID()}
	if cfg.WorkRoot == "" {
		cfg.WorkRoot = workdir.DefaultRoot()
	}
	// The sweep needs the opened runtimes (the clusters the scenarios
	// name): pods of killed runs go first, before the mounts and
	// directories they may still use.
	opened, err := openRuntimes(ctx, cfg)
	if err != nil {
		return out, err
	}
	swept, err := sweep.Run(ctx, sweepPlan(cfg.WorkRoot, runtimeSweeps(ctx, opened, &out)))
	out.Swept = append(out.Swept, swept...)
	if cfg.Swept != nil {
		cfg.Swept(out.Swept, out.Kept)
	}
	if err != nil {
		return out, fmt.Errorf("sweep what killed sessions left: %w", err)
	}
	r := &runner.Runner{
		SuiteID:    out.SuiteID,
		Runtimes:   opened,
		Specs:      runtimes.Specs(),
		Progress:   cfg.Progress,
		DropCaches: pagecache.Drop,
	}
	work, err := workdir.Create(cfg.WorkRoot, out.SuiteID)
	if err != nil {
		return out, err
	}
	defer workdir.Remove(work)
	r.WorkDir = work
	r.Host = hostMeter{workDir: work}

	sink, err := openOutput(cfg.OutDir, &out)
	if err != nil {
		return out, err
	}
	r.Sink = sink
	out.Started = true
	runErr := r.Run(ctx, cfg.Scenarios)
	out.Records = sink.records
	return out, errors.Join(runErr, sink.Close())
}

func openOutput(dir string, out *Outcome) (*fileSink, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create output directory: %w", err)
	}
	out.ResultsFile = filepath.Join(dir, "results.jsonl")
	return openSink(out.ResultsFile)
}

// openRuntimes opens, from the table of runtimes, each runtime a
// scenario names, with the subjects that name it: a missing
// prerequisite (no Docker, no cluster, no war) stops the session before
// its first run rather than failing each run.
func openRuntimes(ctx context.Context, cfg Config) (map[string]contract.Runtime, error) {
	opened := map[string]contract.Runtime{}
	for _, entry := range runtimes.Table() {
		uses := usesOf(cfg.Scenarios, entry.Spec.Name)
		if len(uses) == 0 {
			continue
		}
		env := contract.Env{Uses: uses, CacheDir: cacheDir(cfg.CacheDir),
			SimBinary: func() (string, error) { return FindSimBinary(cfg.SimBinary) }}
		rt, err := entry.Open(ctx, env)
		if err != nil {
			return nil, err
		}
		opened[entry.Spec.Name] = rt
	}
	return opened, nil
}

// usesOf are the subjects of the scenarios that name runtime.
func usesOf(scenarios []*scenario.Scenario, runtime string) []contract.Use {
	var uses []contract.Use
	for _, sc := range scenarios {
		if sc.Subject.Runtime != runtime {
			continue
		}
		s := sc.Subject
		uses = append(uses, contract.Use{Scenario: sc.Name, File: sc.File, Kind: s.Kind, Image: s.Image,
			War: s.War, Java: s.Java, Kubernetes: sc.Kubernetes})
	}
	return uses
}

// runtimeSweeps are the sweep steps of every runtime in the table, opened
// by this session or not: a killed session may have used any of them.
func runtimeSweeps(ctx context.Context, opened map[string]contract.Runtime, out *Outcome) []sweep.Step {
	var steps []sweep.Step
	for _, entry := range runtimes.Table() {
		env := contract.SweepEnv{Opened: opened[entry.Spec.Name], Keep: func(k string) { out.Kept = append(out.Kept, k) }}
		steps = append(steps, entry.Sweep(ctx, env)...)
	}
	return steps
}

func cacheDir(explicit string) string {
	if explicit != "" {
		return explicit
	}
	if dir, err := os.UserCacheDir(); err == nil {
		return filepath.Join(dir, "jsbench")
	}
	return filepath.Join(os.TempDir(), "jsbench-cache")
}

func newSuiteID() string {
	var b [3]byte
	_, _ = rand.Read(b[:])
	return time.Now().UTC().Format("20060102-150405") + "-" + hex.EncodeToString(b[:])
}
