package scenario

import (
	"fmt"
	"math"
	"strings"

	"go.yaml.in/yaml/v3"
)

// limit is an upper bound on a count a scenario may ask for. A scenario
// beyond it is refused at load, naming the limit and how to raise it
// (`limits: {jobs: 200000}`): a typo such as `jobs: 1000000000000` once
// wrote 73 GB before the disk filled. Raising a limit is the scenario
// author's explicit choice; the free-space check before each home is
// written stays.
type limit struct {
	// name is the key under `limits:`.
	name string
	// field is where the value is written, for the message and its
	// position: a path such as "home.jobs", or alternatives "runs|volumes"
	// (the first one present in the file).
	field string
	def   int64
	// unit names what is counted, for the message.
	unit string
	// why says what the default protects, for the message.
	why   string
	value func(*Scenario) int64
}

// limits are the bounds and their defaults. The home's counts keep a
// generated home within a few GB (about 16 KiB a job, 24 KiB a build and
// 1 MiB a plugin, as `jsbench home generate` writes them); the run counts
// keep a session within about a day at a few seconds a start.
var limits = []limit{
	{"jobs", "home.jobs", 100_000, "jobs", "about 16 KiB a job", func(s *Scenario) int64 { return int64(s.Home.Jobs) }},
	{"builds_per_job", "home.builds_per_job", 1_000, "builds per job", "about 24 KiB a build", func(s *Scenario) int64 { return int64(s.Home.BuildsPerJob) }},
	{"builds", "home.builds_per_job", 1_000_000, "builds", "jobs × builds_per_job builds of about 24 KiB each", func(s *Scenario) int64 {
		return product(int64(s.Home.Jobs), int64(s.Home.BuildsPerJob))
	}},
	{"plugins", "home.plugins", 2_000, "plugins", "about 1 MiB a plugin, and the update center lists about 2,000", func(s *Scenario) int64 { return int64(s.Home.Plugins) }},
	{"folders", "home.folders", 10_000, "folders", "one directory and config.xml each", func(s *Scenario) int64 { return int64(s.Home.Folders) }},
	{"volumes", "volumes", 64, "volumes", "every volume is started runs times", func(s *Scenario) int64 { return int64(len(s.Volumes)) }},
	{"runs", "runs", 1_000, "runs", "a start takes seconds to minutes", func(s *Scenario) int64 { return int64(s.Runs) }},
	{"warmup", "warmup", 100, "warmup runs", "a warmup start takes as long as a measured one", func(s *Scenario) int64 { return int64(s.Warmup) }},
	{"starts", "runs|volumes", 10_000, "starts", "volumes × (runs + warmup) starts of seconds each", func(s *Scenario) int64 {
		return product(int64(len(s.Volumes)), int64(s.Runs)+int64(s.Warmup))
	}},
	{"war_mb", "subject.sim.war_mb", 4_096, "MB", "the war is extracted into every home", func(s *Scenario) int64 { return simSetting(s, "war_mb") }},
	{"war_entries", "subject.sim.war_entries", 1_000_000, "entries", "one file each in every home", func(s *Scenario) int64 { return simSetting(s, "war_entries") }},
	{"reactor_threads", "subject.sim.reactor_threads", 1_024, "threads", "one thread each", func(s *Scenario) int64 { return simSetting(s, "reactor_threads") }},
}

// limitNames lists the keys `limits:` takes.
func limitNames() []string {
	names := make([]string, len(limits))
	for i, l := range limits {
		names[i] = l.name
	}
	return names
}

// checkLimits reports every count of s above its limit, at the value's
// position in the file. The limits mapping, when present, raises them.
func (c *checker) checkLimits(root *yaml.Node, s *Scenario) {
	_, node := lookup(root, "limits")
	raised := c.raisedLimits(node)
	for _, l := range limits {
		max := l.def
		if v, ok := raised[l.name]; ok {
			max = v
		}
		v := l.value(s)
		if v <= max {
			continue
		}
		n, field := nodeAt(root, l.field)
		c.report(n, field, "%d %s is above the limit of %d %s (%s); if you mean it, raise the limit in the scenario: \"limits: {%s: %d}\"",
			v, l.unit, max, l.unit, l.why, l.name, v)
	}
}

// raisedLimits reads the `limits:` mapping, when there is one: known
// names, whole numbers.
func (c *checker) raisedLimits(n *yaml.Node) map[string]int64 {
	if n == nil {
		return nil
	}
	f := c.mapping(n, "limits")
	if f == nil {
		return nil
	}
	c.knownKeys(f, limitNames())
	raised := map[string]int64{}
	for _, key := range f.order {
		if v := c.integer(f, key, 0, 1); v > 0 && contains(limitNames(), key) {
			raised[key] = v
		}
	}
	return raised
}

// nodeAt finds the node of the first of the "|"-separated dotted field
// paths present below root, and that path; else the deepest node on the
// way to the first path.
func nodeAt(root *yaml.Node, paths string) (*yaml.Node, string) {
	alternatives := strings.Split(paths, "|")
	for _, path := range alternatives {
		if n, ok := locate(root, path, false); ok {
			return n, path
		}
	}
	n, _ := locate(root, alternatives[0], false)
	return n, alternatives[0]
}

func simSetting(s *Scenario, key string) int64 {
	var v int64
	fmt.Sscan(s.Subject.Sim[key], &v)
	return v
}

// product multiplies counts without overflowing: a huge count saturates.
func product(a, b int64) int64 {
	if a > 0 && b > math.MaxInt64/a {
		return math.MaxInt64
	}
	return a * b
}
