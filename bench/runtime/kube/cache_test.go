package kube

import (
	"slices"
	"testing"

	corev1 "k8s.io/api/core/v1"

	"github.com/jsbench/jsbench/bench/plan/subject"
)

// The Helm chart's layout: the WAR extracted into an emptyDir at
// /var/jenkins_cache, never onto the claim.
func TestPlanGivesTheCacheLayoutAnEmptyDir(t *testing.T) {
	r := New("")
	l := testLaunch()
	l.Image, l.Command = "", nil
	l.HomeDir, l.Cache = "/tmp/jsbench-work/s/home-1", &subject.Cache{HostDir: "/tmp/not-on-the-node"}
	r.simImage = "localhost/jsbench/jenkins-sim:abc"
	l, err := r.resolve(l)
	if err != nil {
		t.Fatal(err)
	}
	p, err := buildPlan(l, planInput{name: "jsb-local-000001", namespace: "jsbench", node: "vm", getenv: func(string) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	pod := p.sts.Spec.Template.Spec
	c := pod.Containers[0]
	if !slices.Contains(c.Args, "--webroot=/var/jenkins_cache/war") {
		t.Errorf("controller arguments %q: want the Helm chart's --webroot", c.Args)
	}
	i := slices.IndexFunc(pod.Volumes, func(v corev1.Volume) bool { return v.Name == cacheVolume })
	if i < 0 || pod.Volumes[i].EmptyDir == nil {
		t.Fatalf("pod volumes %+v: want an emptyDir %q", pod.Volumes, cacheVolume)
	}
	if !slices.ContainsFunc(c.VolumeMounts, func(m corev1.VolumeMount) bool {
		return m.Name == cacheVolume && m.MountPath == subject.ContainerCache
	}) {
		t.Errorf("controller mounts %+v: want the emptyDir at %s", c.VolumeMounts, subject.ContainerCache)
	}
}

func TestPlanWithoutCacheLayoutHasNoEmptyDir(t *testing.T) {
	l := testLaunch()
	l.HomeDir = "/tmp/jsbench-work/s/home-1"
	p, err := buildPlan(l, planInput{name: "jsb-local-000001", namespace: "jsbench", node: "vm", getenv: func(string) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	if vols := p.sts.Spec.Template.Spec.Volumes; len(vols) != 1 {
		t.Errorf("pod volumes %+v: want the home's claim only", vols)
	}
}
