package runner

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/jsbench/jsbench/bench/plan/scenario"
	"github.com/jsbench/jsbench/bench/plan/subject"
	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/bench/runtime/contract"
	"github.com/jsbench/jsbench/bench/storage/volume"
)

// launch builds the launch of sc's subject on a prepared home, as plain
// data any runtime completes with what it runs: its image or binary of
// the simulated controller, the port it chooses.
func launch(sc *scenario.Scenario, h volume.Prepared, labels map[string]string) subject.Launch {
	subj := sc.Subject
	l := subject.Launch{Kind: subj.Kind, HomeDir: h.HostDir, HomeReadOnly: h.ReadOnly, DockerVolume: h.DockerVolume,
		Claim: h.Claim, Restore: h.Restore, Kubernetes: sc.Kubernetes, Labels: labels,
		Env: maps.Clone(subj.Env), CPUs: subj.CPUs, MemoryBytes: subj.MemoryBytes}
	if l.Env == nil {
		l.Env = map[string]string{}
	}
	switch subj.Kind {
	case subject.KindImage:
		l.Image = subj.Image
		if subj.JavaOpts != "" {
			l.Env["JAVA_OPTS"] = subj.JavaOpts
		}
	case subject.KindWar:
		l.Command = append(append([]string{subj.Java}, strings.Fields(subj.JavaOpts)...), "-jar", subj.War)
	case subject.KindSim:
		l.SimArgs = simFlags(subj.Sim)
		if subj.Webroot == subject.WebrootCache {
			l.Cache = &subject.Cache{} // its directory is made at the start (cacheDir)
		}
	}
	return l
}

// describe names sc's subject for every result it produces, with what
// its runtime runs for it.
func describe(rt contract.Runtime, sc *scenario.Scenario) results.Subject {
	subj := sc.Subject
	d := results.Subject{Kind: subj.Kind, Runtime: subj.Runtime, Simulated: subj.Kind == subject.KindSim}
	runs := ""
	if rt != nil {
		runs = rt.Describe(launch(sc, volume.Prepared{}, nil))
	}
	switch {
	case subj.Kind == subject.KindImage && subject.IsStandIn(subj.Image):
		d.Simulated = true
		d.Name = "jenkins-sim (simulated controller) in " + orElse(runs, subj.Image) + ", the official image's stand-in"
	case subj.Kind == subject.KindImage:
		d.Name = subj.Image
	case subj.Kind == subject.KindWar:
		d.Name = subj.War
	default:
		d.Name = strings.TrimSpace("jenkins-sim (" + simulatedAs(subj) + ") " + runs)
		d.CalibratedFrom = subj.Calibrate
	}
	return d
}

func orElse(s, otherwise string) string {
	if s == "" {
		return otherwise
	}
	return s
}

// simulatedAs says what a simulated controller is: calibrated from a log
// or not.
func simulatedAs(subj scenario.Subject) string {
	if subj.Calibrate != "" {
		return "simulated controller, calibrated from " + filepath.Base(subj.Calibrate)
	}
	return "simulated controller"
}

// simFlags turns the scenario's sim options (war_mb: 50) into the
// simulated controller's flags (--war-mb=50), in a stable order.
func simFlags(opts map[string]string) []string {
	flags := make([]string, 0, len(opts))
	for k, v := range opts {
		flags = append(flags, "--"+strings.ReplaceAll(k, "_", "-")+"="+v)
	}
	sort.Strings(flags)
	return flags
}

// owner is the uid and gid the subject writes JENKINS_HOME as: the
// official image's jenkins user where the runtime runs it so, else
// jsbench's own.
func (r *Runner) owner(sc *scenario.Scenario) (uid, gid int) {
	if spec, ok := subject.Spec(r.Specs, sc.Subject.Runtime); ok && spec.JenkinsUser {
		return subject.JenkinsUID, subject.JenkinsGID
	}
	return os.Geteuid(), os.Getegid()
}

// runtime is the opened runtime sc names, or an error saying none is.
func (r *Runner) runtime(sc *scenario.Scenario) (contract.Runtime, error) {
	rt, ok := r.Runtimes[sc.Subject.Runtime]
	if !ok {
		return nil, fmt.Errorf("no %s runtime available", sc.Subject.Runtime)
	}
	return rt, nil
}
