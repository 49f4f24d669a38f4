// Package scenario reads scenario files, the first stage of jsbench's
// pipeline: scenarios/*.yaml say what to measure (a subject, the
// JENKINS_HOME it starts on, the volumes to compare, how many runs) and
// bench/measure/runner measures it. Parsing is strict and pure: Parse takes bytes
// and returns a checked Scenario with every default applied, or every
// problem at once as "file:line:column: field: message". Only Load and
// LoadDir read files.
package scenario

import (
	"regexp"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/jsbench/jsbench/bench/plan/subject"
)

// Version is the only scenario schema version this package reads.
const Version = 1

// Defaults for the fields a scenario may leave out.
const (
	// DefaultRuns is the number of measured runs per volume.
	DefaultRuns = 5
	// DefaultWarmup is the number of unrecorded runs before them.
	DefaultWarmup = 0
	// DefaultTimeout ends a run that is not fully up: five times the 120 s
	// the Helm chart's startup probe allows, and the 5–10 min of
	// initialization reported on Azure Files (../shared/calibration.md).
	DefaultTimeout = 10 * time.Minute
)

// Start modes: a cold start begins on a freshly populated home, a restart
// stops a controller that came up on it and times the second start.
const (
	StartCold    = "cold"
	StartRestart = "restart"
)

// Cache modes: a cold cache drops the page cache before each start (when
// running as root), a warm one keeps what the previous run left in memory.
const (
	CacheCold = "cold"
	CacheWarm = "warm"
)

// Scenario is one checked scenario file with every default applied.
type Scenario struct {
	// Version is the schema version, always Version.
	Version int
	// Name identifies the scenario in results and reports.
	Name string
	// Description is free text for reports.
	Description string
	// File is the path the scenario was read from, as given to Parse.
	File string
	// Subject is what is started.
	Subject Subject
	// Home is what JENKINS_HOME holds before each start.
	Home Home
	// Volumes are the storage compared, in file order.
	Volumes []Volume
	// Runs is the number of measured runs per volume; Warmup the number
	// of unrecorded runs before them.
	Runs, Warmup int
	// Adaptive, when set (`runs: auto`), lets the runner stop before Runs
	// (then the maximum) once the median is precise enough.
	Adaptive *Adaptive
	// Timeout bounds one start.
	Timeout time.Duration
	// Start is StartCold or StartRestart.
	Start string
	// Cache is CacheCold or CacheWarm.
	Cache string
	// RTO is the recovery-time objective the storage is judged against:
	// the longest a controller may take to come back, restore included.
	// Zero when the scenario sets none.
	RTO time.Duration
	// Kubernetes says where and how the pod runs (runtime kubernetes only).
	Kubernetes *subject.Kubernetes
	// Failovers, when set, follow every cold start with each way of
	// losing the controller, timed until its replacement is fully up.
	Failovers []subject.Failover
	// Survive names the failure classes (subject.Survive*) the controller
	// must come back from within the RTO: the recommendation is the
	// fastest storage that survives every one of them.
	Survive []string
	// Reference names the volume the others are paired with, iteration
	// by iteration (paired ratios); "" for none.
	Reference string
}

var (
	topFields  = []string{"version", "name", "description", "subject", "home", "volumes", "runs", "warmup", "timeout", "start", "cache", "min_runs", "max_runs", "precision", "rto", "reference", "budget", "limits", "kubernetes", "failover", "survive"}
	startModes = []string{StartCold, StartRestart}
	cacheModes = []string{CacheCold, CacheWarm}
	namePat    = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*$`)
)

// Parse checks the scenario in data, read from file (used in problems
// and to resolve relative paths), against the runtimes a subject may
// name (bench/runtime/runtimes lists them). The error, if any, is an
// *Error holding every problem found.
func Parse(file string, data []byte, runtimes []subject.RuntimeSpec) (*Scenario, error) {
	c := &checker{file: file, runtimes: runtimes}
	if !c.encoding(data) {
		return nil, &Error{Problems: c.problems}
	}
	root := c.document(data)
	if root == nil {
		return nil, &Error{Problems: c.problems}
	}
	s := c.scenario(root)
	if s != nil {
		c.checkLimits(root, s)
	}
	if len(c.problems) > 0 {
		sortProblems(c.problems)
		return nil, &Error{Problems: c.problems, Unlisted: c.unlisted}
	}
	return s, nil
}

func (c *checker) scenario(root *yaml.Node) *Scenario {
	if !c.is(root, yaml.MappingNode, "", "a mapping of fields such as version, name, subject and volumes") {
		return nil
	}
	f := c.mapping(root, "")
	c.knownKeys(f, topFields)
	runs, adaptive := c.runs(f)
	if budget := c.budget(f, adaptive); adaptive != nil {
		adaptive.Budget = budget
	}
	vols := c.volumes(f)
	sc := &Scenario{
		Version:     c.version(f),
		Name:        c.name(f, "name", `name the scenario, e.g. "name: default"`),
		Description: c.str(f, "description", ""),
		File:        c.file,
		Subject:     c.subject(f),
		Home:        c.home(f),
		Volumes:     vols,
		Reference:   c.reference(f, vols),
		Runs:        runs,
		Adaptive:    adaptive,
		Warmup:      int(c.integer(f, "warmup", DefaultWarmup, 0)),
		Timeout:     c.duration(f, "timeout", DefaultTimeout),
		Start:       c.choice(f, "start", StartCold, "start mode", startModes),
		Cache:       c.choice(f, "cache", CacheCold, "cache mode", cacheModes),
		RTO:         c.duration(f, "rto", 0),
	}
	sc.Kubernetes = c.kubernetes(f, sc.Subject.Runtime)
	sc.Failovers = c.failovers(f, sc.Subject.Runtime)
	sc.Survive = c.survive(f, sc.Failovers)
	c.checkFailoverVolumes(f, sc.Volumes, sc.Failovers)
	c.checkVolumeRuntime(f, sc.Volumes, sc.Subject.Runtime, sc.Home.Kind)
	return sc
}

func (c *checker) version(f *fields) int {
	if !c.required(f, "version", `start the file with "version: 1"`) {
		return 0
	}
	v := c.integer(f, "version", Version, 0)
	if v != Version {
		c.report(f.value("version"), "version", "unsupported version %d; this jsbench reads version %d", v, Version)
	}
	return int(v)
}

// name returns the value of key, which must be a name: lowercase letters,
// digits, '.', '_' and '-', starting with a letter or a digit.
func (c *checker) name(f *fields, key, hint string) string {
	if !c.required(f, key, hint) {
		return ""
	}
	s := c.str(f, key, "")
	if s != "" && namePat.MatchString(s) {
		return s
	}
	if n := f.value(key); n.Kind == yaml.ScalarNode && n.ShortTag() == "!!str" {
		c.report(n, f.field(key), "invalid name %q; use lowercase letters, digits, '.', '_' and '-', starting with a letter or digit", s)
	}
	return ""
}
