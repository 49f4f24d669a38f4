package container

import (
	"reflect"
	"testing"

	"github.com/moby/moby/api/types/container"

	"github.com/jsbench/jsbench/bench/plan/subject"
)

// TestResolve: a sim launch runs the simulated controller's image as the
// jenkins user, told Jenkins's port and its settings; the stand-in's name
// runs the stand-in built here; any other image runs as given.
func TestResolve(t *testing.T) {
	r := &Runtime{simImage: "jsbench/jenkins-sim:abc", standInImage: "jsbench/jenkins-standin:def"}
	l, err := r.resolve(subject.Launch{Kind: subject.KindSim, SimArgs: []string{"--reactor-threads=4"}})
	want := []string{"--httpPort=8080", "--reactor-threads=4"}
	if err != nil || l.Image != r.simImage || l.User != "1000:1000" || !reflect.DeepEqual(l.Command, want) || l.HTTPPort != 8080 {
		t.Errorf("sim launch %+v (%v): want %s as 1000:1000 with %q", l, err, r.simImage, want)
	}
	if l, _ := r.resolve(subject.Launch{Kind: subject.KindImage, Image: subject.StandInRepository}); l.Image != r.standInImage {
		t.Errorf("stand-in resolved to %q, want %q", l.Image, r.standInImage)
	}
	if l, _ := r.resolve(subject.Launch{Kind: subject.KindImage, Image: "jenkins/jenkins:lts"}); l.Image != "jenkins/jenkins:lts" || l.User != "" || len(l.Command) != 0 {
		t.Errorf("image launch %+v: want the image as given, its own user and entrypoint", l)
	}
	if _, err := (&Runtime{}).resolve(subject.Launch{Kind: subject.KindSim}); err == nil {
		t.Error("a sim launch on a runtime opened without the simulated controller's image was accepted")
	}
}

// TestCacheLayout: the Helm chart's webroot layout gives the container
// the fresh cache directory at /var/jenkins_cache and the webroot there.
func TestCacheLayout(t *testing.T) {
	r := &Runtime{simImage: "jsbench/jenkins-sim:abc"}
	l, err := r.resolve(subject.Launch{Kind: subject.KindSim, HomeDir: "/work/home", Cache: &subject.Cache{HostDir: "/work/cache-1"}})
	want := []string{"--httpPort=8080", "--webroot=/var/jenkins_cache/war"}
	if err != nil || !reflect.DeepEqual(l.Command, want) {
		t.Fatalf("sim launch %+v (%v): want %q", l, err, want)
	}
	var hc container.HostConfig
	r.request(l).HostConfigModifier(&hc)
	if n := len(hc.Mounts); n != 2 || hc.Mounts[1].Source != "/work/cache-1" || hc.Mounts[1].Target != subject.ContainerCache {
		t.Errorf("mounts %+v: want the home, then the cache at %s", hc.Mounts, subject.ContainerCache)
	}
}
