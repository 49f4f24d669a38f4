package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// Host states the sessions are measured in.
const (
	// StateQuiet: the host as it is, which must be quiet for the table
	// to mean what it says.
	StateQuiet = "quiet"
	// StateLoaded: under make noise-check's synthetic load (busy
	// processes per CPU), which the script starts and stops.
	StateLoaded = "loaded"
	// StateCluster: beside the local cluster's idle control plane
	// (scripts/cluster.sh up, then nothing on it). The sessions of this
	// state are judged against their own first night, as ci/nightly.sh
	// would be on such a host.
	StateCluster = "cluster"
)

// Kinds of planted change.
const (
	KindNone    = "none"
	KindWar     = "war"
	KindJobs    = "jobs"
	KindLatency = "latency"
	// KindWar1600 is a known case: the war's entries 1000 → 1600, a
	// regression a busy-looking host once hid from the gate.
	KindWar1600 = "war1600"
)

// How the planted changes are sized: each slows the nfs-lan volume's
// median ready time of the default scenario by about SizePct on a quiet
// host. The table shows the change measured, next to the nominal one.
const (
	// warPctPer100Entries: 600 more war entries (1000 → 1600) made
	// nfs-lan's ready time 37.6 % slower on an idle 2-core machine
	// (the default scenario's local and nfs-lan volumes, 6 runs each):
	// 6.27 % per 100 entries.
	warPctPer100Entries = 37.6 / 6
	// latencyShare is the part of nfs-lan's ready time that its
	// injected latencies make: its paired ratio to local was 7.97× in
	// that measurement's baseline, so 1 − 1/7.97 = 87 % of it is the storage's.
	// Scaling every latency by 1 + s/87 % adds about s % to it.
	latencyShare = 1 - 1/7.97
	// jobsPctPer100Jobs: loading 100 jobs took 0.71 s of nfs-lan's
	// 14.1 s (the default scenario, phase loaded_all_jobs, on a shared
	// and busy 2-core machine; the jobs load four at a time and wait on
	// the emulated latency, which a busy CPU stretches little): 5 % per
	// 100 jobs.
	jobsPctPer100Jobs = 5.0
	// war1600Entries and war1600Pct are the known case's war and its
	// measured change.
	war1600Entries = 1600
	war1600Pct     = 37.6
)

// Change is one planted change (or none) and the sessions that measure
// it.
type Change struct {
	// Name names the change's sessions: "war-20", "none".
	Name string `json:"name"`
	Kind string `json:"kind"`
	// SizePct is the nominal slowdown of nfs-lan's median ready time.
	SizePct float64 `json:"size_pct"`
	// Label says what was planted, in the scenario's terms.
	Label string `json:"label"`
}

// Session is one `jsbench run` of a change in a host state.
type Session struct {
	State  string `json:"state"`
	Name   string `json:"name"`
	Change string `json:"change"`
	// File is the scenario file, relative to the plan's directory.
	File string `json:"file"`
}

// Plan is what `plan` writes and `table` reads: the changes, the
// sessions in the order they are measured, and the settings.
type Plan struct {
	Scenario  string    `json:"scenario"`
	Volumes   []string  `json:"volumes"`
	Runs      int       `json:"runs"`
	Baselines int       `json:"baselines"`
	Changes   []Change  `json:"changes"`
	Sessions  []Session `json:"sessions"`
}

// planConfig is what the plan is made of.
type planConfig struct {
	scenario    string
	volumes     []string
	runs        int
	baselines   int
	kinds       []string
	sizes       []float64
	loadedSizes []float64
	states      []string
}

// changes lists the planted changes: none, each kind at each size, and
// the 1600-entry war.
func (c planConfig) changes(base baseFacts) []Change {
	out := []Change{{Name: KindNone, Kind: KindNone, Label: "none (A/A)"}}
	for _, size := range c.sizes {
		for _, kind := range c.kinds {
			out = append(out, sized(kind, size, base))
		}
	}
	if slices.Contains(c.kinds, KindWar) {
		out = append(out, Change{Name: KindWar1600, Kind: KindWar1600, SizePct: war1600Pct,
			Label: fmt.Sprintf("war entries %d → %d", base.warEntries, war1600Entries)})
	}
	return out
}

// sized is a change of a kind that adds about size % to nfs-lan's
// ready time.
func sized(kind string, size float64, base baseFacts) Change {
	c := Change{Name: kind + "-" + strconv.FormatFloat(size, 'f', -1, 64), Kind: kind, SizePct: size}
	switch kind {
	case KindWar:
		c.Label = fmt.Sprintf("war entries %d → %d", base.warEntries, warEntries(base, size))
	case KindJobs:
		c.Label = fmt.Sprintf("jobs %d → %d", base.jobs, jobs(base, size))
	case KindLatency:
		c.Label = fmt.Sprintf("emulated latencies ×%.3f", latencyFactor(size))
	}
	return c
}

func warEntries(base baseFacts, size float64) int {
	return base.warEntries + int(math.Round(size/warPctPer100Entries*100))
}

func jobs(base baseFacts, size float64) int {
	return base.jobs + int(math.Round(size/jobsPctPer100Jobs*100))
}

func latencyFactor(size float64) float64 { return 1 + size/100/latencyShare }

// sessions orders the measurements: in the quiet state the baselines
// spread among the planted changes, so that a drift of the host shows
// as disagreement between baselines rather than as a change; then the
// loaded state (none first, then the changes of loadedSizes); then the
// cluster state (two nights without change, then the 1600-entry war).
func (c planConfig) sessions(changes []Change) []Session {
	var out []Session
	add := func(state, name string, ch Change) {
		out = append(out, Session{State: state, Name: name, Change: ch.Name, File: filepath.Join("scenarios", ch.Name+".yaml")})
	}
	planted := changes[1:]
	for _, state := range c.states {
		switch state {
		case StateQuiet:
			per := (len(planted) + c.baselines - 1) / max(c.baselines, 1)
			for b := 1; b <= c.baselines; b++ {
				add(state, fmt.Sprintf("none-%d", b), changes[0])
				for _, ch := range planted[min((b-1)*per, len(planted)):min(b*per, len(planted))] {
					add(state, ch.Name, ch)
				}
			}
		case StateLoaded:
			add(state, "none-1", changes[0])
			for _, ch := range planted {
				if slices.Contains(c.loadedSizes, ch.SizePct) {
					add(state, ch.Name, ch)
				}
			}
		case StateCluster:
			add(state, "none-1", changes[0])
			add(state, "none-2", changes[0])
			for _, ch := range planted {
				if ch.Kind == KindWar1600 {
					add(state, ch.Name, ch)
				}
			}
		}
	}
	return out
}

// write makes dir/scenarios/*.yaml, dir/plan.json and dir/plan.tsv
// (state, session, scenario file: what the script measures, in order).
func (c planConfig) write(dir string) (Plan, error) {
	data, err := os.ReadFile(c.scenario)
	if err != nil {
		return Plan{}, fmt.Errorf("read scenario: %w", err)
	}
	base, err := readBase(data)
	if err != nil {
		return Plan{}, fmt.Errorf("scenario %q: %w", c.scenario, err)
	}
	p := Plan{Scenario: c.scenario, Volumes: c.volumes, Runs: c.runs, Baselines: c.baselines}
	p.Changes = c.changes(base)
	p.Sessions = c.sessions(p.Changes)
	if err := os.MkdirAll(filepath.Join(dir, "scenarios"), 0o755); err != nil {
		return Plan{}, fmt.Errorf("create plan directory: %w", err)
	}
	for _, ch := range p.Changes {
		out, err := variant(data, c, ch, base)
		if err != nil {
			return Plan{}, fmt.Errorf("plant %s: %w", ch.Name, err)
		}
		if err := os.WriteFile(filepath.Join(dir, "scenarios", ch.Name+".yaml"), out, 0o644); err != nil {
			return Plan{}, fmt.Errorf("write scenario: %w", err)
		}
	}
	js, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return Plan{}, err
	}
	var tsv strings.Builder
	for _, s := range p.Sessions {
		fmt.Fprintf(&tsv, "%s\t%s\t%s\n", s.State, s.Name, filepath.Join(dir, s.File))
	}
	if err := os.WriteFile(filepath.Join(dir, "plan.json"), append(js, '\n'), 0o644); err != nil {
		return Plan{}, fmt.Errorf("write plan: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "plan.tsv"), []byte(tsv.String()), 0o644); err != nil {
		return Plan{}, fmt.Errorf("write plan: %w", err)
	}
	return p, nil
}

// readPlan reads dir/plan.json.
func readPlan(dir string) (Plan, error) {
	data, err := os.ReadFile(filepath.Join(dir, "plan.json"))
	if err != nil {
		return Plan{}, fmt.Errorf("read plan: %w", err)
	}
	var p Plan
	if err := json.Unmarshal(data, &p); err != nil {
		return Plan{}, fmt.Errorf("read plan %q: %w", filepath.Join(dir, "plan.json"), err)
	}
	return p, nil
}

func (p Plan) change(name string) Change {
	for _, c := range p.Changes {
		if c.Name == name {
			return c
		}
	}
	return Change{Name: name, Kind: name, Label: name}
}
