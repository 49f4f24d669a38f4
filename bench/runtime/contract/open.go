package contract

import (
	"github.com/jsbench/jsbench/bench/plan/subject"
)

// Env is what a runtime is given when a session opens it: the subjects
// it will start, and where the simulated controller is.
type Env struct {
	// Uses are the subjects of the session's scenarios that name this
	// runtime, one per scenario.
	Uses []Use
	// SimBinary finds the simulated controller's binary; only a runtime
	// that starts it (or an image built around it) calls it.
	SimBinary func() (string, error)
	// CacheDir keeps what outlives a session (the simulated war).
	CacheDir string
}

// Use is one scenario's subject as a runtime sees it when it opens:
// enough to build images, connect to clusters and check prerequisites
// before the first run rather than fail each run.
type Use struct {
	// Scenario and File name the scenario, for errors.
	Scenario, File string
	// Kind is subject.KindSim, KindImage or KindWar; Image the image of
	// an image subject.
	Kind, Image string
	// War and Java are a war subject's.
	War, Java string
	// Kubernetes is the scenario's kubernetes block, nil without one.
	Kubernetes *subject.Kubernetes
}

// SweepEnv is what a runtime's sweep is given at the start of every
// session, before anything runs.
type SweepEnv struct {
	// Opened is the runtime as this session opened it, nil when no
	// scenario of the session names it.
	Opened Runtime
	// Keep is told what killed sessions left that jsbench does not
	// delete (a volume the cluster retains), with the remedy.
	Keep func(string)
}
