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

	"github.com/jsbench/jsbench/bench/container"
	"github.com/jsbench/jsbench/bench/pagecache"
	"github.com/jsbench/jsbench/bench/process"
	"github.com/jsbench/jsbench/bench/results"
	"github.com/jsbench/jsbench/bench/runner"
	"github.com/jsbench/jsbench/bench/scenario"
	"github.com/jsbench/jsbench/bench/simulator"
	"github.com/jsbench/jsbench/bench/subject"
	"github.com/jsbench/jsbench/bench/sweep"
	"github.com/jsbench/jsbench/bench/workdir"
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
	// The sweep needs the clusters: pods of killed runs go first, before
	// the mounts and directories they may still use.
	kubeRuntime, clusters, err := connectKubernetes(ctx, cfg)
	if err != nil {
		return out, err
	}
	swept, err := sweep.Run(ctx, sweepPlan(ctx, cfg.WorkRoot, kubeSweepSteps(clusters, &out)))
	out.Swept = append(out.Swept, swept...)
	if err != nil {
		return out, fmt.Errorf("sweep what killed sessions left: %w", err)
	}
	r, err := newRunner(ctx, cfg, &out)
	if err != nil {
		return out, err
	}
	if err := addKubernetes(r, kubeRuntime); err != nil {
		return out, err
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

// newRunner readies the runtimes and subjects the scenarios need,
// checking them before the first run rather than failing each run.
func newRunner(ctx context.Context, cfg Config, out *Outcome) (*runner.Runner, error) {
	r := &runner.Runner{
		SuiteID:    out.SuiteID,
		Runtimes:   map[string]runner.Runtime{subject.RuntimeProcess: process.New()},
		Subjects:   &runner.Subjects{},
		Progress:   cfg.Progress,
		DropCaches: pagecache.Drop,
	}
	needs := needsOf(cfg.Scenarios)
	if needs.container {
		if err := addContainerRuntime(r); err != nil {
			return nil, err
		}
	}
	if needs.simContainer || needs.simProcess || needs.standIn || needs.simKube {
		if err := readySim(ctx, cfg, r, needs); err != nil {
			return nil, err
		}
	}
	for _, sc := range cfg.Scenarios {
		if err := r.Subjects.Check(sc.Subject); err != nil {
			return nil, fmt.Errorf("scenario %q: %w", sc.Name, err)
		}
	}
	return r, nil
}

func addContainerRuntime(r *runner.Runner) error {
	rt, err := container.New()
	if err != nil {
		return err
	}
	r.Runtimes[subject.RuntimeContainer] = rt
	return nil
}

func readySim(ctx context.Context, cfg Config, r *runner.Runner, needs needs) error {
	bin, err := FindSimBinary(cfg.SimBinary)
	if err != nil {
		return err
	}
	r.Subjects.SimBinary = bin
	if needs.simContainer {
		ref, err := container.EnsureSimImage(ctx, bin)
		if err != nil {
			return fmt.Errorf("build the simulated controller's image: %w", err)
		}
		r.Subjects.SimImage = ref
	}
	if needs.standIn {
		ref, err := container.EnsureStandInImage(ctx, bin, simulator.Version)
		if err != nil {
			return fmt.Errorf("build the official image's stand-in: %w", err)
		}
		r.Subjects.StandInImage = ref
	}
	if needs.simProcess {
		war, err := ensureSimWar(ctx, bin, cacheDir(cfg.CacheDir))
		if err != nil {
			return err
		}
		r.Subjects.SimWar = war
	}
	return nil
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

// needs says which runtimes and simulated-controller forms the scenarios
// use; standIn is the official image's stand-in.
type needs struct{ container, simContainer, simProcess, simKube, standIn bool }

func needsOf(scenarios []*scenario.Scenario) needs {
	var n needs
	for _, sc := range scenarios {
		inContainer := sc.Subject.Runtime == subject.RuntimeContainer
		n.container = n.container || inContainer
		n.standIn = n.standIn || (sc.Subject.Kind == subject.KindImage && runner.IsStandIn(sc.Subject.Image))
		if sc.Subject.Kind == subject.KindSim {
			// On Kubernetes the pod's image is the cluster's; the binary
			// names its tag.
			inKube := sc.Subject.Runtime == subject.RuntimeKubernetes
			n.simContainer = n.simContainer || inContainer
			n.simKube = n.simKube || inKube
			n.simProcess = n.simProcess || (!inContainer && !inKube)
		}
	}
	return n
}

func newSuiteID() string {
	var b [3]byte
	_, _ = rand.Read(b[:])
	return time.Now().UTC().Format("20060102-150405") + "-" + hex.EncodeToString(b[:])
}
