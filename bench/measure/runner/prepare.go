package runner

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/jsbench/jsbench/bench/lifecycle/cleanup"
	"github.com/jsbench/jsbench/bench/plan/scenario"
	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/bench/storage/home"
	"github.com/jsbench/jsbench/bench/storage/volume"
)

// prepareHome prepares the volume, writes the scenario's home onto it and
// makes it writable for the subject's user. The facts it learns go into rec.
func (r *Runner) prepareHome(ctx context.Context, sc *scenario.Scenario, v scenario.Volume, stack *cleanup.Stack, rec *results.Record) (volume.Prepared, error) {
	env := r.env(sc, v, rec.Iteration)
	prepared, err := v.Config.Prepare(ctx, env, stack)
	if err != nil {
		return volume.Prepared{}, fmt.Errorf("prepare volume %q: %w", v.Name, err)
	}
	for k, val := range prepared.Facts {
		rec.Volume.Params[k] = val
	}
	rec.RestoreMS = prepared.RestoreMS
	if prepared.HostDir == "" {
		return prepared, nil
	}
	if prepared.Restore != nil {
		// The runtime restores the home; there is nothing to write now.
		return prepared, nil
	}
	if rec.Iteration <= 1 && prepared.RestoreMS == 0 {
		probeVolume(ctx, prepared.HostDir, rec)
	}
	if o := prepared.Owner; o != nil {
		env.UID, env.GID = o.UID, o.GID
	}
	if err := populate(ctx, atRest(prepared), sc, env, rec); err != nil {
		return volume.Prepared{}, err
	}
	return prepared, nil
}

// populate writes the home (unless a restored snapshot already filled
// the volume), once it knows the volume has room for it, and hands it to
// the subject's user. Ctrl-C stops it between two files.
func populate(ctx context.Context, dir string, sc *scenario.Scenario, env volume.Env, rec *results.Record) error {
	began := time.Now()
	if rec.RestoreMS == 0 {
		if err := checkSpace(ctx, dir, sc); err != nil {
			return err
		}
		stats, err := home.PopulateContext(ctx, dir, homeSpec(sc.Home))
		if err != nil {
			return fmt.Errorf("populate home on %q: %w", dir, err)
		}
		rec.Home.Files, rec.Home.Bytes = stats.Files, stats.Bytes
	}
	if os.Geteuid() == 0 {
		if err := home.Chown(dir, env.UID, env.GID); err != nil {
			return fmt.Errorf("give home %q to %d:%d: %w", dir, env.UID, env.GID, err)
		}
	}
	rec.Home.PopulateMS = msSince(began)
	return nil
}

// atRest is where the home's files are written and looked at without
// going through the storage's client: an emulated volume's backing
// directory, else the home itself.
func atRest(p volume.Prepared) string {
	if p.PopulateDir != "" {
		return p.PopulateDir
	}
	return p.HostDir
}

func homeSpec(h scenario.Home) home.Spec {
	return home.Spec{
		Kind:         h.Kind,
		Jobs:         h.Jobs,
		BuildsPerJob: h.BuildsPerJob,
		Plugins:      h.Plugins,
		Folders:      h.Folders,
		Seed:         h.Seed,
		Dir:          h.Dir,
	}
}

func describeHome(h scenario.Home) results.Home {
	return results.Home{
		Kind:    h.Kind,
		Jobs:    h.Jobs,
		Builds:  h.BuildsPerJob,
		Plugins: h.Plugins,
		Seed:    h.Seed,
		Source:  h.Dir,
	}
}

func msSince(t time.Time) float64 { return ms(time.Since(t)) }

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
