package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/jsbench/jsbench/bench/simulate/simulator"
	"github.com/jsbench/jsbench/bench/storage/emufs"
	"github.com/jsbench/jsbench/bench/storage/home"
)

// The restart model: what the replacement of a controller costs on an
// emulated storage, phase by phase, from the file operations it makes.
// The simulated controller is started in this process on an emufs mount
// of the Kubernetes restart scenarios' home (scenarios/restart), once
// to prime it, then again as a replacement: on a client made cold
// (Server.NewClient, a pod's new mount) and on a warm one (the old
// client's caches, revalidation only). Every log line takes a snapshot
// of what emufs injected, so that each phase gets its own operations.
// A phase's injected latency is added to the start divided by the
// threads that share it: the reactor's 4 threads (2 × the pod's 2 CPUs)
// for plugins and jobs, one thread for the rest.

// restartHome is the home of scenarios/restart.
var restartHome = home.Spec{Kind: home.KindGenerated, Jobs: 100, BuildsPerJob: 5, Plugins: 20, Seed: 1}

// restartThreads is the reactor pool of the pod: 2 × its 2 CPUs.
const restartThreads = 4

// phaseMarks maps a log message's start to the phase it ends, as
// bench/observe/jenkinslog names phases.
var phaseMarks = []struct{ prefix, phase string }{
	{"Empty contextPath", "war_extraction"},
	{"Started oejs.Server", "http_open"},
	{"Started initialization", "started_initialization"},
	{"Listed all plugins", "listed_all_plugins"},
	{"Prepared all plugins", "prepared_all_plugins"},
	{"Started all plugins", "started_all_plugins"},
	{"Augmented all extensions", "augmented_all_extensions"},
	{"System config loaded", "system_config_loaded"},
	{"Loaded all jobs", "loaded_all_jobs"},
	{"Completed initialization", "completed_initialization"},
	{"Jenkins is fully up and running", "fully_up"},
}

// parallel are the phases whose work the reactor spreads over its threads.
var parallel = map[string]bool{"prepared_all_plugins": true, "started_all_plugins": true, "loaded_all_jobs": true}

// phaseOps is what emufs served and injected during one phase.
type phaseOps struct {
	phase string
	ops   map[string]emufs.OpStats
}

// startModel is one modelled start: its phases' operations.
type startModel struct {
	profile, layout, client string
	phases                  []phaseOps
}

// added is the time the storage adds to the start: each phase's
// injected latency over the threads that share it.
func (m startModel) added() time.Duration {
	var d time.Duration
	for _, p := range m.phases {
		threads := time.Duration(1)
		if parallel[p.phase] {
			threads = restartThreads
		}
		d += injected(p.ops, nil) / threads
	}
	return d
}

// injected sums the injected latency of the operations of the given
// classes (all of them when classes is nil).
func injected(ops map[string]emufs.OpStats, classes []string) time.Duration {
	var d time.Duration
	for op, s := range ops {
		if classes == nil || contains(classes, op) {
			d += s.Injected()
		}
	}
	return d
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// modelRestarts models a restart on each profile of cfg.profiles (the
// network ones of the restart scenarios by default), for both webroot
// layouts.
func modelRestarts(ctx context.Context, scratch string, profiles []string) ([]startModel, error) {
	war := filepath.Join(scratch, "jenkins.war")
	if _, err := simulator.WriteWar(war, simulator.DefaultWarEntries, int64(simulator.DefaultWarSizeMB*1e6)); err != nil {
		return nil, err
	}
	var models []startModel
	for _, name := range profiles {
		p, err := emufs.ByName(name)
		if err != nil {
			return nil, err
		}
		for _, layout := range []string{"home", "cache"} {
			m, err := modelLayout(ctx, scratch, war, p, layout)
			if err != nil {
				return nil, fmt.Errorf("model %s, webroot %s: %w", name, layout, err)
			}
			models = append(models, m...)
		}
	}
	return models, nil
}

// modelLayout primes a home on p with a first start, then models the
// replacement on a cold client and on a warm one.
func modelLayout(ctx context.Context, scratch, war string, p emufs.Profile, layout string) ([]startModel, error) {
	srv, mnt, err := mountFresh(scratch, p, func(backing string) error {
		_, err := home.Populate(backing, restartHome)
		return err
	})
	if err != nil {
		return nil, err
	}
	defer srv.Unmount()
	if _, err := startOnce(ctx, srv, mnt, war, scratch, layout); err != nil {
		return nil, err
	}
	// The warm start follows the priming one at once: the host's
	// dentries and pages may be dropped by anything that drops the
	// caches (a cold run of another jsbench), the cold one's are dropped
	// on purpose.
	var out []startModel
	for _, client := range []string{"warm", "cold"} {
		if client == "cold" {
			srv.NewClient()
		}
		phases, err := startOnce(ctx, srv, mnt, war, scratch, layout)
		if err != nil {
			return nil, err
		}
		out = append(out, startModel{profile: p.Name, layout: layout, client: client, phases: phases})
	}
	return out, nil
}

// startOnce runs the simulated controller on mnt until it is fully up,
// with the WAR extracted into the home or into a fresh cache directory,
// and returns each phase's operations. It stops early when ctx ends.
func startOnce(ctx context.Context, srv *emufs.Server, mnt, war, scratch, layout string) ([]phaseOps, error) {
	cfg := simulator.Config{War: war, HTTPPort: -1, Threads: restartThreads}
	if layout == "cache" {
		cache, err := os.MkdirTemp(scratch, "cache-")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(cache)
		cfg.Webroot = filepath.Join(cache, "war")
	}
	if err := cfg.Complete(func(k string) string {
		if k == "JENKINS_HOME" {
			return mnt
		}
		return ""
	}); err != nil {
		return nil, err
	}
	run, cancel := context.WithTimeout(ctx, 10*time.Minute)
	defer cancel()
	log := &phaseLog{srv: srv, last: srv.Stats(), up: cancel}
	simulator.Run(run, cfg, io.Discard, log)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if !log.fullyUp {
		return nil, fmt.Errorf("the simulated controller did not get fully up: %s", strings.TrimSpace(log.tail.String()))
	}
	return log.phases, nil
}

// phaseLog reads the simulated controller's log records as they are
// written and cuts emufs's statistics at every phase's end.
type phaseLog struct {
	srv     *emufs.Server
	last    emufs.Stats
	up      context.CancelFunc
	mu      sync.Mutex
	phases  []phaseOps
	fullyUp bool
	tail    bytes.Buffer
}

func (l *phaseLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.tail.Len() < 4096 {
		l.tail.Write(p)
	}
	line := string(p)
	for _, m := range phaseMarks {
		if i := strings.Index(line, ": "+m.prefix); i >= 0 {
			now := l.srv.Stats()
			l.phases = append(l.phases, phaseOps{phase: m.phase, ops: diff(now, l.last)})
			l.last = now
			if m.phase == "fully_up" {
				l.fullyUp = true
				l.up()
			}
			break
		}
	}
	return len(p), nil
}

// diff is what was served between two snapshots.
func diff(now, before emufs.Stats) map[string]emufs.OpStats {
	out := map[string]emufs.OpStats{}
	for op, a := range now.Ops {
		b := before.Ops[op]
		if n := a.Count - b.Count; n > 0 {
			out[op] = emufs.OpStats{Count: n, Bytes: a.Bytes - b.Bytes, Latency: a.Latency - b.Latency,
				Throttle: a.Throttle - b.Throttle, Fetch: a.Fetch - b.Fetch, Fetches: a.Fetches - b.Fetches}
		}
	}
	return out
}
