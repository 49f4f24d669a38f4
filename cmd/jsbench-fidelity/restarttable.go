package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/jsbench/jsbench/bench/analyze/stats"
	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/bench/storage/emufs"
)

// costClasses sort a restart's operations into what it pays for: the
// close-to-open revalidation of every file and directory opened, the
// names a cold client must look up, listings, reads of what the client
// no longer caches, and writes.
var costClasses = []struct {
	name string
	ops  []string
}{
	{"revalidation", []string{"open", "opendir"}},
	{"lookups", []string{"lookup", "getattr"}},
	{"listings", []string{"readdir"}},
	{"reads", []string{"read"}},
	{"writes", []string{"create", "mkdir", "flush", "setattr", "rename", "unlink", "rmdir", "fsync", "write", "symlink", "link", "mknod"}},
}

// restartTable prints the restart model for each profile of
// cfg.restartProfiles and, with cfg.results, the Kubernetes restart
// scenarios' measurements against it.
func restartTable(w io.Writer, scratch string, cfg config) error {
	// Ctrl-C stops the simulated controller, and the mounts come down.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	models, err := modelRestarts(ctx, scratch, cfg.restartProfiles)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "\nRestart model: the simulated controller's replacement on a primed home (scenarios/restart),")
	fmt.Fprintf(w, "in this process; injected latency by class (count × latency summed), added = each phase's over its threads (%d for plugins and jobs).\n\n", restartThreads)
	fmt.Fprintln(w, "| profile | webroot | client | revalidation | lookups | listings | reads | writes | added to the start |\n|---|---|---|---|---|---|---|---|---|")
	for _, m := range models {
		all := map[string]emufs.OpStats{}
		for _, p := range m.phases {
			for op, s := range p.ops {
				t := all[op]
				t.Count, t.Bytes, t.Latency, t.Throttle, t.Fetch = t.Count+s.Count, t.Bytes+s.Bytes, t.Latency+s.Latency, t.Throttle+s.Throttle, t.Fetch+s.Fetch
				all[op] = t
			}
		}
		cells := make([]string, 0, len(costClasses))
		for _, c := range costClasses {
			cells = append(cells, classCell(all, c.ops))
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s |\n", m.profile, m.layout, m.client, strings.Join(cells, " | "), seconds(m.added()))
	}
	if cfg.results == "" {
		return nil
	}
	return measuredTable(w, cfg.results, models)
}

// classCell is "N × … = injected" for the operations of one class.
func classCell(all map[string]emufs.OpStats, ops []string) string {
	var n, bytes int64
	for _, op := range ops {
		n, bytes = n+all[op].Count, bytes+all[op].Bytes
	}
	d := injected(all, ops)
	if n == 0 {
		return "–"
	}
	if bytes > 0 && contains(ops, "read") {
		return fmt.Sprintf("%d (%.0f MB): %s", n, float64(bytes)/1e6, seconds(d))
	}
	return fmt.Sprintf("%d: %s", n, seconds(d))
}

func seconds(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }

// measured says where a restart scenario keeps its cold starts and its
// restarts: the Kubernetes ones as failover scenarios, the Docker ones
// as the runs after the warmup that primed the home.
type measured struct {
	runtime, base string
	// cold selects the cold starts; restarts the scenarios of each
	// restart (graceful, grace 0) and whether their runs are warmups.
	coldWarmup bool
	restarts   []string
}

func restartScenarios(layout string) []measured {
	k8s := "restart-" + layout
	docker := "docker-restart-" + layout
	return []measured{
		{runtime: "kubernetes", base: k8s, restarts: []string{k8s + ".failover-delete", k8s + ".failover-delete-grace0s"}},
		{runtime: "docker", base: docker, coldWarmup: true, restarts: []string{docker}},
	}
}

// measuredTable prints, per runtime, webroot layout and storage, the
// cold start and the restarts the restart scenarios measured, Jenkins's
// own phases on restart, the time the storage added to the restart
// against the FUSE-only control next to what the model says, and what
// the restart's operations injected, by class.
func measuredTable(w io.Writer, path string, models []startModel) error {
	recs, warnings, err := results.Load(path)
	if err != nil {
		return err
	}
	for _, warn := range warnings {
		fmt.Fprintln(w, "warning:", warn)
	}
	fmt.Fprintf(w, "\nMeasured (%s; medians of the runs that came up; seconds): cold start and restarts are ready times (claim,\n", path)
	fmt.Fprintln(w, "container start or deletion to /login answering 200; Kubernetes: the pod deleted gracefully · with grace 0), Jenkins = the")
	fmt.Fprintln(w, "replacement's log, first line to fully up, added = Jenkins on the storage less on fuse-only (the same requests, nothing")
	fmt.Fprintln(w, "injected) in the same iteration, median of the pairs; model = the model's added time (cold client); the classes are")
	fmt.Fprintln(w, "the first restart's operations.")
	fmt.Fprintln(w, "\n| runtime | webroot | storage | cold start | restart | Jenkins, restart | added (each restart) · model | revalidation | lookups | reads |\n|---|---|---|---|---|---|---|---|---|---|")
	for _, layout := range []string{"home", "cache"} {
		for _, m := range restartScenarios(layout) {
			measuredRows(w, recs, models, layout, m)
		}
	}
	phaseTable(w, recs, models)
	return nil
}

// phaseTable sets, phase by phase, the time each storage added to the
// Kubernetes graceful restart (the phase's median on the storage less
// on fuse-only) against the model's (the phase's injected latency over
// its threads), for the phases where either is 5 ms or more.
func phaseTable(w io.Writer, recs []results.Record, models []startModel) {
	var rows []string
	for _, layout := range []string{"home", "cache"} {
		sc := "restart-" + layout + ".failover-delete"
		for _, vol := range volumesOf(recs, sc) {
			m, ok := modelOf(models, recs, sc, vol, layout)
			if !ok {
				continue
			}
			for _, p := range m.phases {
				threads := time.Duration(1)
				if parallel[p.phase] {
					threads = restartThreads
				}
				model := injected(p.ops, nil) / threads
				measured, _ := pairedDiff(recs, sc, vol, func(r results.Record) float64 { return phaseMS(r, p.phase) })
				if model < 5*time.Millisecond && math.Abs(measured) < 5 {
					continue
				}
				rows = append(rows, fmt.Sprintf("| %s | %s | %s | %.2f · %.2f |", layout, vol, p.phase, measured/1000, model.Seconds()))
			}
		}
	}
	if len(rows) == 0 {
		return
	}
	fmt.Fprintln(w, "\nWhere, phase by phase (Kubernetes, graceful restart; seconds added against fuse-only, paired · the model's):")
	fmt.Fprintln(w, "\n| webroot | storage | phase | measured · model |\n|---|---|---|---|")
	fmt.Fprintln(w, strings.Join(rows, "\n"))
}

// phaseMS is the duration of a phase of a record, 0 when it has none.
func phaseMS(r results.Record, phase string) float64 {
	for _, p := range r.Phases {
		if p.Name == phase {
			return p.DurationMS
		}
	}
	return 0
}

func measuredRows(w io.Writer, recs []results.Record, models []startModel, layout string, m measured) {
	for _, vol := range volumesOf(recs, m.base) {
		cold := medianOf(recs, m.base, vol, m.coldWarmup, ready)
		var restarts, jenkins, added []string
		for _, sc := range m.restarts {
			restarts = append(restarts, fmt.Sprintf("%.2f", medianOf(recs, sc, vol, false, ready)/1000))
			jenkins = append(jenkins, fmt.Sprintf("%.2f", medianOf(recs, sc, vol, false, logReady)/1000))
			if d, ok := pairedDiff(recs, sc, vol, logReady); ok && vol != "fuse-only" && vol != "hostpath" {
				added = append(added, fmt.Sprintf("%.2f", d/1000))
			}
		}
		model := "–"
		if len(added) == 0 {
			added = []string{"–"}
		}
		if mod, ok := modelOf(models, recs, m.base, vol, layout); ok {
			model = fmt.Sprintf("%.2f", mod.added().Seconds())
		}
		ops := medianOps(recs, m.restarts[0], vol)
		fmt.Fprintf(w, "| %s | %s | %s | %.2f | %s | %s | %s · %s | %s | %s | %s |\n", m.runtime, layout, vol, cold/1000,
			strings.Join(restarts, " · "), strings.Join(jenkins, " · "), strings.Join(added, " · "), model,
			opsCell(ops, costClasses[0].ops), opsCell(ops, costClasses[1].ops), opsCell(ops, costClasses[3].ops))
	}
}

// pairedDiff is the median, over the iterations where both came up, of
// field on volume less field on the fuse-only control in the same
// iteration: the volumes ran one after the other, so each pair shares
// most of what the host was doing.
func pairedDiff(recs []results.Record, scenario, volume string, field func(results.Record) float64) (float64, bool) {
	control := map[int]float64{}
	for _, r := range recs {
		if r.Scenario == scenario && r.Volume.Name == "fuse-only" && !r.Warmup && r.Status == results.StatusOK {
			control[r.Iteration] = field(r)
		}
	}
	var diffs []float64
	for _, r := range recs {
		if c, ok := control[r.Iteration]; ok && r.Scenario == scenario && r.Volume.Name == volume && !r.Warmup && r.Status == results.StatusOK {
			diffs = append(diffs, field(r)-c)
		}
	}
	if len(diffs) == 0 {
		return 0, false
	}
	return stats.Median(diffs), true
}

func ready(r results.Record) float64    { return r.ReadyMS }
func logReady(r results.Record) float64 { return r.LogReadyMS }

// medianOf is the median of field over the runs of scenario on volume
// that came up, the warmups or the measured ones; 0 when there are none.
func medianOf(recs []results.Record, scenario, volume string, warmup bool, field func(results.Record) float64) float64 {
	var xs []float64
	for _, r := range recs {
		if r.Scenario == scenario && r.Volume.Name == volume && r.Warmup == warmup && r.Status == results.StatusOK {
			xs = append(xs, field(r))
		}
	}
	if len(xs) == 0 {
		return 0
	}
	return stats.Median(xs)
}

// volumesOf lists the volumes of a scenario in the order they first ran.
func volumesOf(recs []results.Record, scenario string) []string {
	var vols []string
	for _, r := range recs {
		if r.Scenario == scenario && !contains(vols, r.Volume.Name) {
			vols = append(vols, r.Volume.Name)
		}
	}
	return vols
}

// modelOf finds the cold-client model of the volume's profile.
func modelOf(models []startModel, recs []results.Record, scenario, volume, layout string) (startModel, bool) {
	profile := ""
	for _, r := range recs {
		if r.Scenario == scenario && r.Volume.Name == volume {
			profile = r.Volume.Params["profile"]
			break
		}
	}
	for _, m := range models {
		if m.profile == profile && m.layout == layout && m.client == "cold" {
			return m, true
		}
	}
	return startModel{}, false
}

// medianOps is, per operation, the median count and injected latency
// over the measured runs.
func medianOps(recs []results.Record, scenario, volume string) map[string]results.OpCount {
	per := map[string][][2]float64{}
	for _, r := range recs {
		if r.Scenario != scenario || r.Volume.Name != volume || r.Warmup || r.Status != results.StatusOK {
			continue
		}
		for op, c := range r.StorageOps {
			per[op] = append(per[op], [2]float64{float64(c.Count), c.InjectedMS})
		}
	}
	out := map[string]results.OpCount{}
	for op, xs := range per {
		sort.Slice(xs, func(i, j int) bool { return xs[i][1] < xs[j][1] })
		mid := xs[len(xs)/2]
		out[op] = results.OpCount{Count: int64(mid[0]), InjectedMS: mid[1]}
	}
	return out
}

func opsCell(ops map[string]results.OpCount, classes []string) string {
	var n int64
	var ms float64
	for _, op := range classes {
		n, ms = n+ops[op].Count, ms+ops[op].InjectedMS
	}
	if n == 0 {
		return "–"
	}
	return fmt.Sprintf("%d: %.2f s", n, ms/1000)
}
