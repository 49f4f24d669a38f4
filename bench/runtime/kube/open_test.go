package kube

import (
	"reflect"
	"testing"

	"github.com/jsbench/jsbench/bench/plan/subject"
)

// TestResolve: a sim pod runs the local cluster's image of the simulated
// controller (or the scenario's own) as the jenkins user, told Jenkins's
// port and its settings.
func TestResolve(t *testing.T) {
	r := New("", WithSimImage("localhost/jsbench/jenkins-sim:abc"))
	l, err := r.resolve(subject.Launch{Kind: subject.KindSim, SimArgs: []string{"--war-mb=50"}})
	want := []string{"--httpPort=8080", "--war-mb=50"}
	if err != nil || l.Image != "localhost/jsbench/jenkins-sim:abc" || l.User != "1000:1000" || !reflect.DeepEqual(l.Command, want) {
		t.Errorf("sim launch %+v (%v): want the local image as 1000:1000 with %q", l, err, want)
	}
	l, _ = r.resolve(subject.Launch{Kind: subject.KindSim, Kubernetes: &subject.Kubernetes{SimImage: "registry.example/sim:1"}})
	if l.Image != "registry.example/sim:1" {
		t.Errorf("scenario's sim image: launched %q", l.Image)
	}
}
