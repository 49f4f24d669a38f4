package scenario

import "math"

// Kinds of home: what JENKINS_HOME holds before each start.
const (
	// HomeEmpty starts Jenkins on an empty directory, as a new install.
	HomeEmpty = "empty"
	// HomeGenerated fills the home with generated jobs, builds and plugins.
	HomeGenerated = "generated"
	// HomeDir copies an existing directory into the home.
	HomeDir = "dir"
)

// DefaultSeed makes generated homes the same from run to run.
const DefaultSeed = 1

// Home is what JENKINS_HOME holds before each start.
type Home struct {
	// Kind is HomeEmpty, HomeGenerated or HomeDir.
	Kind string
	// Jobs, BuildsPerJob, Plugins and Folders size a generated home;
	// Seed picks its contents.
	Jobs, BuildsPerJob, Plugins, Folders int
	Seed                                 int64
	// Dir is the directory a HomeDir home is copied from, resolved
	// against the scenario file's directory.
	Dir string
}

var homeSchema = kindSchema{
	noun:   "home",
	kinds:  []string{HomeEmpty, HomeGenerated, HomeDir},
	common: []string{"kind"},
	byKind: map[string][]string{
		HomeGenerated: {"jobs", "builds_per_job", "plugins", "folders", "seed"},
		HomeDir:       {"dir"},
	},
}

func (c *checker) home(top *fields) Home {
	f := c.optionalMapping(top, "home")
	if f == nil {
		return Home{Kind: HomeEmpty, Seed: DefaultSeed}
	}
	h := Home{Kind: c.choice(f, "kind", HomeEmpty, "home kind", homeSchema.kinds)}
	f = c.kindKeys(f, homeSchema, h.Kind)
	h.Jobs = int(c.integer(f, "jobs", 0, 0))
	h.BuildsPerJob = int(c.integer(f, "builds_per_job", 0, 0))
	h.Plugins = int(c.integer(f, "plugins", 0, 0))
	h.Folders = int(c.integer(f, "folders", 0, 0))
	h.Seed = c.integer(f, "seed", DefaultSeed, math.MinInt64)
	h.Dir = c.path(f, "dir")
	if h.Kind == HomeDir {
		c.required(f, "dir", `a dir home needs the directory to copy, e.g. "dir: homes/big"`)
	}
	return h
}
