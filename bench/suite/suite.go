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
	"github.com/jsbench/jsbench/bench/emufs"
	"github.com/jsbench/jsbench/bench/pagecache"
	"github.com/jsbench/jsbench/bench/process"
	"github.com/jsbench/jsbench/bench/results"
	"github.com/jsbench/jsbench/bench/runner"
	"github.com/jsbench/jsbench/bench/scenario"
	"github.com/jsbench/jsbench/bench/subject"
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
}

// Run measures every scenario. Whatever happens, and also when ctx is
// cancelled, it removes what it created and returns the runs recorded.
func Run(ctx context.Context, cfg Config) (Outcome, error) {
	out := Outcome{SuiteID: newSuiteID()}
	if cfg.WorkRoot == "" {
		cfg.WorkRoot = workdir.DefaultRoot()
	}
	if err := sweepLeftovers(cfg.WorkRoot, &out); err != nil {
		return out, err
	}
	r, err := newRunner(ctx, cfg, &out)
	if err != nil {
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
	runErr := r.Run(ctx, cfg.Scenarios)
	out.Records = sink.records
	return out, errors.Join(runErr, sink.Close())
}

// sweepLeftovers removes what killed sessions left on this host: emulated
// volumes whose server died (anywhere, since a volume may name its own
// directory), then work directories whose owner is gone, with the mounts
// inside them.
func sweepLeftovers(workRoot string, out *Outcome) error {
	stale, err := emufs.Sweep("")
	out.Swept = append(out.Swept, stale...)
	if err != nil {
		return fmt.Errorf("sweep stale emulated volumes: %w", err)
	}
	dirs, err := workdir.Sweep(workRoot)
	out.Swept = append(out.Swept, dirs...)
	return err
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
		if err := addContainerRuntime(ctx, r, out); err != nil {
			return nil, err
		}
	} else if container.Available(ctx) == nil {
		// No container is needed now, but a killed earlier run may have
		// left some behind.
		if err := sweepContainers(ctx, out); err != nil {
			return nil, err
		}
	}
	if needs.simContainer || needs.simProcess {
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

func addContainerRuntime(ctx context.Context, r *runner.Runner, out *Outcome) error {
	rt, err := container.New()
	if err != nil {
		return err
	}
	if err := sweepContainers(ctx, out); err != nil {
		return err
	}
	r.Runtimes[subject.RuntimeContainer] = rt
	return nil
}

// sweepContainers removes the containers and volumes of killed sessions.
func sweepContainers(ctx context.Context, out *Outcome) error {
	swept, err := container.Sweep(ctx)
	out.Swept = append(out.Swept, swept...)
	if err != nil {
		return fmt.Errorf("sweep containers left behind: %w", err)
	}
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

// needs says which runtimes and simulated-controller forms the scenarios use.
type needs struct{ container, simContainer, simProcess bool }

func needsOf(scenarios []*scenario.Scenario) needs {
	var n needs
	for _, sc := range scenarios {
		inContainer := sc.Subject.Runtime == subject.RuntimeContainer
		n.container = n.container || inContainer
		if sc.Subject.Kind == subject.KindSim {
			n.simContainer = n.simContainer || inContainer
			n.simProcess = n.simProcess || !inContainer
		}
	}
	return n
}

func newSuiteID() string {
	var b [3]byte
	_, _ = rand.Read(b[:])
	return time.Now().UTC().Format("20060102-150405") + "-" + hex.EncodeToString(b[:])
}
