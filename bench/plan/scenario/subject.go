package scenario

import (
	"cmp"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/jsbench/jsbench/bench/plan/subject"
)

// Defaults of a subject's fields.
const (
	// DefaultImage is the official image's LTS line on JDK 17, the image
	// the Jenkins Docker installation guide runs.
	DefaultImage = "jenkins/jenkins:lts-jdk17"
	// DefaultJava runs a war with the java found on PATH.
	DefaultJava = "java"
)

// Subject is what a scenario starts: the simulated controller, a Jenkins
// container image or a jenkins.war.
type Subject struct {
	// Kind is subject.KindSim, subject.KindImage or subject.KindWar.
	Kind string
	// Runtime names the runtime the subject starts in (a RuntimeSpec's Name).
	Runtime string
	// Image is the container image of an image subject.
	Image string
	// JavaOpts is JAVA_OPTS for an image, the options given to java
	// before -jar for a war.
	JavaOpts string
	// Env holds extra environment variables.
	Env map[string]string
	// CPUs and MemoryBytes limit a container as a Kubernetes pod's limits
	// would; zero means no limit.
	CPUs        float64
	MemoryBytes int64
	// War is the jenkins.war of a war subject, resolved against the
	// scenario file's directory.
	War string
	// Java is the java command a war subject runs.
	Java string
	// Sim overrides the simulated controller's workload, by setting name
	// (one of simSettings) with a whole number as value.
	Sim map[string]string
	// Webroot is where the simulated controller extracts the WAR
	// (sim.webroot): subject.WebrootCache, or subject.WebrootHome, which
	// an empty Webroot means too.
	Webroot string
	// Calibrate is a real Jenkins log of a start on local disk (any
	// format `jsbench analyze` reads), resolved against the scenario
	// file's directory: the simulated controller then spends that log's
	// time per phase besides its file work (see bench/analyze/calibrate). Empty
	// when the sim is not calibrated. The file is read when the scenario
	// runs, not when it is parsed.
	Calibrate string
}

var subjectSchema = kindSchema{
	noun:   "subject",
	kinds:  []string{subject.KindSim, subject.KindImage, subject.KindWar},
	common: []string{"kind", "runtime", "env"},
	byKind: map[string][]string{
		subject.KindSim:   {"cpu", "memory", "sim", "calibrate"},
		subject.KindImage: {"image", "java_opts", "cpu", "memory"},
		subject.KindWar:   {"war", "java", "java_opts"},
	},
}

// simSettings are the workload settings a sim subject may override:
// the war's entry count and size, and the init reactor's thread count
// (defaults and sources in ../shared/calibration.md).
var simSettings = []string{"war_entries", "war_mb", "reactor_threads"}

// simWebroot is the sim setting that says where the WAR is extracted,
// one of webrootLayouts.
const simWebroot = "webroot"

var webrootLayouts = []string{subject.WebrootHome, subject.WebrootCache}

var envName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

func (c *checker) subject(top *fields) Subject {
	if !c.required(top, "subject", `say what to start, e.g. "subject: {kind: sim}"`) {
		return Subject{}
	}
	f := c.mapping(top.value("subject"), "subject")
	if f == nil {
		return Subject{}
	}
	c.required(f, "kind", "known kinds: "+strings.Join(subjectSchema.kinds, ", "))
	s := Subject{Kind: c.choice(f, "kind", "", "subject kind", subjectSchema.kinds)}
	f = c.kindKeys(f, subjectSchema, s.Kind)
	s.Runtime = c.runtime(f, s.Kind)
	s.Env = c.env(f, s.Kind)
	s.CPUs, s.MemoryBytes = c.limits(f, s.Runtime)
	s.Image = c.text(f, "image", "")
	s.JavaOpts = c.str(f, "java_opts", "")
	s.War = c.path(f, "war")
	s.Java = c.text(f, "java", "")
	s.Sim, s.Webroot = c.sim(f)
	s.Calibrate = c.path(f, "calibrate")
	switch s.Kind {
	case subject.KindImage:
		s.Image = cmp.Or(s.Image, DefaultImage)
	case subject.KindWar:
		s.Java = cmp.Or(s.Java, DefaultJava)
		c.required(f, "war", `a war subject needs the path of a jenkins.war, e.g. "war: jenkins.war"`)
	}
	return s
}

// runtime returns the runtime, the kind's own when the field is absent,
// and reports a kind the runtime cannot start with the runtime's hint.
func (c *checker) runtime(f *fields, kind string) string {
	def := ""
	for _, spec := range c.runtimes {
		if slices.Contains(spec.DefaultFor, kind) {
			def = spec.Name
			break
		}
	}
	rt := c.choice(f, "runtime", def, "runtime", c.runtimeNames())
	spec, known := subject.Spec(c.runtimes, rt)
	if hint, refused := spec.RefusesSubject[kind]; known && refused {
		c.report(f.value("runtime"), f.field("runtime"), "%s", hint)
	}
	return rt
}

// runtimeNames are the runtimes a subject may name.
func (c *checker) runtimeNames() []string {
	names := make([]string, len(c.runtimes))
	for i, spec := range c.runtimes {
		names[i] = spec.Name
	}
	return names
}

// runtimesWith names the runtimes for which has holds, for hints
// ("subject.runtime: kubernetes").
func (c *checker) runtimesWith(has func(subject.RuntimeSpec) bool) string {
	var names []string
	for _, spec := range c.runtimes {
		if has(spec) {
			names = append(names, spec.Name)
		}
	}
	return "subject.runtime: " + strings.Join(names, " or ")
}

// env returns the extra environment variables. Numbers and booleans are
// taken as written.
func (c *checker) env(f *fields, kind string) map[string]string {
	m := c.optionalMapping(f, "env")
	if m == nil {
		return nil
	}
	env := map[string]string{}
	for _, key := range m.order {
		e := m.entries[key]
		switch {
		case !envName.MatchString(key):
			c.report(e.key, m.field(key), "invalid variable name %q; use letters, digits and '_', not starting with a digit", key)
		case key == "JAVA_OPTS" && kind == subject.KindImage && f.value("java_opts") != nil:
			c.report(e.key, m.field(key), "JAVA_OPTS is set by java_opts too; keep one")
		case c.is(e.value, yaml.ScalarNode, m.field(key), "a string"):
			if e.value.ShortTag() == "!!null" {
				c.report(e.value, m.field(key), `want a value, got nothing; write %s: "" for an empty one`, key)
			}
			env[key] = e.value.Value
		}
	}
	return env
}

// sim returns the simulated controller's workload overrides and its
// webroot layout.
func (c *checker) sim(f *fields) (map[string]string, string) {
	m := c.optionalMapping(f, "sim")
	if m == nil {
		return nil, ""
	}
	c.knownKeys(m, append(slices.Clone(simSettings), simWebroot))
	webroot := c.choice(m, simWebroot, "", "webroot layout", webrootLayouts)
	settings := map[string]string{}
	for _, key := range m.order {
		if contains(simSettings, key) {
			if v := c.integer(m, key, 0, 1); v > 0 {
				settings[key] = strconv.FormatInt(v, 10)
			}
		}
	}
	return settings, webroot
}

// path returns the value of key as a path resolved against the scenario
// file's directory; absolute paths are kept. It reads no file system.
func (c *checker) path(f *fields, key string) string {
	p := c.text(f, key, "")
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(filepath.Dir(c.file), p)
}
