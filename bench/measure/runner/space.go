package runner

import (
	"context"
	"fmt"
	"strconv"

	"github.com/jsbench/jsbench/bench/plan/scenario"
	"github.com/jsbench/jsbench/bench/storage/home"
)

// defaultWarBytes is what extracting the war writes into a home: the
// 2.568.3 LTS war is about 101 MB (../shared/calibration.md) and the
// simulated controller's is as large; 128 MiB leaves room for the blocks
// of its thousand files.
const defaultWarBytes = 128 << 20

// spaceNeeded is about what a start on spec writes into a home: the home
// itself, the war extracted, and the plugins exploded beside their
// archives. It saturates instead of overflowing.
func spaceNeeded(ctx context.Context, sc *scenario.Scenario) (need int64, what string, err error) {
	spec := homeSpec(sc.Home)
	homeBytes := home.EstimateBytes(spec)
	if spec.Kind == home.KindDir {
		if homeBytes, err = home.SourceBytes(ctx, spec.Dir); err != nil {
			return 0, "", fmt.Errorf("measure home %q: %w", spec.Dir, err)
		}
	}
	war := int64(defaultWarBytes)
	if mb, err := strconv.ParseInt(sc.Subject.Sim["war_mb"], 10, 64); err == nil && mb > 0 {
		war = mb<<20 + mb<<17 // an eighth more for the blocks of its files
	}
	plugins := int64(spec.Plugins) * home.EstimatedPluginBytes
	need = saturatingSum(homeBytes, war, plugins)
	what = fmt.Sprintf("home %s, war %s, exploded plugins %s", mib(homeBytes), mib(war), mib(plugins))
	return need, what, nil
}

// checkSpace refuses to write a home onto dir when the file system that
// holds it has less room than the start needs: an unbounded home once
// filled a shared disk (73 GB) before anything stopped it.
func checkSpace(ctx context.Context, dir string, sc *scenario.Scenario) error {
	need, what, err := spaceNeeded(ctx, sc)
	if err != nil {
		return err
	}
	free, err := home.FreeBytes(dir)
	if err != nil {
		return err
	}
	if need > free {
		return fmt.Errorf("not enough space for the home on %q: the start needs about %s (%s), %s is free: free some space, put the volume elsewhere (dir:) or make the home smaller",
			dir, mib(need), what, mib(free))
	}
	return nil
}

func saturatingSum(values ...int64) int64 {
	var sum int64
	for _, v := range values {
		if sum+v < sum {
			return 1<<63 - 1
		}
		sum += v
	}
	return sum
}

// mib formats a byte count for people.
func mib(n int64) string {
	switch {
	case n >= 10<<30:
		return fmt.Sprintf("%.0f GiB", float64(n)/(1<<30))
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	}
	return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
}
