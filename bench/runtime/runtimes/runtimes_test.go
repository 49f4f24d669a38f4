package runtimes

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/jsbench/jsbench/bench/plan/scenario"
	"github.com/jsbench/jsbench/bench/plan/subject"
	"github.com/jsbench/jsbench/bench/runtime/contract"
)

// TestTableIsComplete walks the table: every runtime has a name of its
// own, a launcher and a sweep, and scenario validation accepts it by that
// name for every subject kind it does not refuse, and refuses the others
// with its hint.
func TestTableIsComplete(t *testing.T) {
	seen := map[string]bool{}
	for _, rt := range Table() {
		name := rt.Spec.Name
		switch {
		case name == "" || seen[name]:
			t.Errorf("runtime %q: a name of its own is needed", name)
		case rt.Open == nil:
			t.Errorf("runtime %q has no launcher (Open)", name)
		case rt.Sweep == nil:
			t.Errorf("runtime %q has no sweep", name)
		}
		seen[name] = true
		for _, kind := range []string{subject.KindSim, subject.KindImage, subject.KindWar} {
			_, err := scenario.Parse("t.yaml", []byte(scenarioOn(name, kind)), Specs())
			hint, refused := rt.Spec.RefusesSubject[kind]
			switch {
			case !refused && err != nil:
				t.Errorf("runtime %q, subject %s: %v", name, kind, err)
			case refused && (err == nil || !strings.Contains(err.Error(), hint)):
				t.Errorf("runtime %q, subject %s: %v; want the refusal %q", name, kind, err, hint)
			}
		}
	}
}

// TestEveryKindHasOneDefaultRuntime: a scenario that names no runtime
// gets exactly one.
func TestEveryKindHasOneDefaultRuntime(t *testing.T) {
	for _, kind := range []string{subject.KindSim, subject.KindImage, subject.KindWar} {
		var names []string
		for _, spec := range Specs() {
			for _, k := range spec.DefaultFor {
				if k == kind {
					names = append(names, spec.Name)
				}
			}
		}
		if len(names) != 1 {
			t.Errorf("subject kind %s is the default of %v, want exactly one runtime", kind, names)
		}
	}
}

// TestUnknownRuntimeIsNamed: a runtime not in the table is refused, and
// the error names those that are.
func TestUnknownRuntimeIsNamed(t *testing.T) {
	_, err := scenario.Parse("t.yaml", []byte(scenarioOn("nomad", subject.KindSim)), Specs())
	for _, spec := range Specs() {
		if err == nil || !strings.Contains(err.Error(), spec.Name) {
			t.Errorf("error %v does not name runtime %q", err, spec.Name)
		}
	}
}

// TestSweepWithoutSessionUse: every runtime's sweep can be asked for
// its steps when this session does not use it (a killed session may
// have), without failing.
func TestSweepWithoutSessionUse(t *testing.T) {
	for _, rt := range Table() {
		for _, step := range rt.Sweep(context.Background(), contract.SweepEnv{Keep: func(string) {}}) {
			if step.Name == "" || step.Sweep == nil {
				t.Errorf("runtime %q: a sweep step without a name or a function", rt.Spec.Name)
			}
		}
	}
}

func scenarioOn(runtime, kind string) string {
	extra := ""
	switch kind {
	case subject.KindWar:
		extra = ", war: jenkins.war"
	case subject.KindImage:
		extra = ", image: jenkins/jenkins:lts"
	}
	return fmt.Sprintf("version: 1\nname: t\nsubject: {kind: %s, runtime: %s%s}\nhome: {kind: empty}\nvolumes: [{name: a, kind: tmpfs}]\n", kind, runtime, extra)
}
