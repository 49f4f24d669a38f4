package kube

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"

	"github.com/jsbench/jsbench/bench/lifecycle/sweep"
	"github.com/jsbench/jsbench/bench/plan/subject"
	"github.com/jsbench/jsbench/bench/runtime/contract"
)

// Name is this runtime's name in scenarios (subject.runtime).
const Name = "kubernetes"

// Spec is what the Kubernetes runtime accepts: images and the simulated
// controller as pods, never a war; claims rather than Docker volumes; a
// kubernetes block; failovers.
func Spec() subject.RuntimeSpec {
	return subject.RuntimeSpec{
		Name:           Name,
		RefusesSubject: map[string]string{subject.KindWar: "a war subject runs as a process; on Kubernetes run an image (kind: image) or the simulated controller (kind: sim)"},
		RefusesVolume: map[string]string{
			"nfs": "kind nfs is a Docker volume, which a pod cannot mount; use kind pvc with an NFS StorageClass",
			"efs": "kind efs is a Docker volume, which a pod cannot mount; use kind pvc with the EFS CSI driver's StorageClass (efs-sc)",
		},
		Block:        "kubernetes",
		Failover:     true,
		JenkinsUser:  true,
		RestoresHome: true,
	}
}

// restoreBinaryName is the restore init container's program, built
// beside jsbench and jenkins-sim by make build.
const restoreBinaryName = "jsbench-restore"

// Open checks the kubernetes block of each use and connects to every
// cluster they name, before anything is measured. The local cluster's
// images of the simulated controller and of the restore init container
// are named by the digests of the binaries beside jsbench.
func Open(ctx context.Context, env contract.Env) (contract.Runtime, error) {
	r := New(restoreImage(env))
	if bin, err := env.SimBinary(); err == nil {
		tag, err := subject.BinaryTag(bin)
		if err != nil {
			return nil, err
		}
		r.simImage = subject.KubeSimRepository + ":" + tag
	}
	for _, u := range env.Uses {
		if u.Kubernetes == nil {
			continue
		}
		if err := CheckSettings(*u.Kubernetes); err != nil {
			return nil, fmt.Errorf("%s: %w", u.File, err)
		}
		if _, err := r.Cluster(ctx, *u.Kubernetes); err != nil {
			return nil, fmt.Errorf("scenario %q: %w", u.Scenario, err)
		}
	}
	return r, nil
}

// SweepSteps deletes, on every cluster this session connected to, what
// killed runs left there; what the cluster keeps (volumes with reclaim
// policy Retain) is told to env.Keep.
func SweepSteps(_ context.Context, env contract.SweepEnv) []sweep.Step {
	r, ok := env.Opened.(*Runtime)
	if !ok {
		return nil
	}
	var steps []sweep.Step
	for _, c := range r.clusters.all() {
		steps = append(steps, sweep.Step{Stage: sweep.Workloads, Name: "kubernetes objects on " + c.Server,
			Sweep: func(ctx context.Context) ([]string, error) {
				removed, kept, err := Sweep(ctx, c)
				for _, k := range kept {
					env.Keep(k)
				}
				return removed, err
			}})
	}
	return steps
}

// restoreImage is the local cluster's image of the restore binary beside
// the simulated controller or jsbench, "" when there is none (a scenario
// then names its own with kubernetes.restore_image).
func restoreImage(env contract.Env) string {
	var candidates []string
	if sim, err := env.SimBinary(); err == nil {
		candidates = append(candidates, filepath.Join(filepath.Dir(sim), restoreBinaryName))
	}
	if self, err := os.Executable(); err == nil {
		candidates = append(candidates, filepath.Join(filepath.Dir(self), restoreBinaryName))
	}
	if p, err := exec.LookPath(restoreBinaryName); err == nil {
		candidates = append(candidates, p)
	}
	for _, c := range candidates {
		if tag, err := subject.BinaryTag(c); err == nil {
			return subject.KubeRestoreRepository + ":" + tag
		}
	}
	return ""
}

// resolve completes a launch: a sim subject runs the simulated
// controller's image (the scenario's kubernetes.sim_image, else the
// local cluster's) as the jenkins user, on Jenkins's port.
func (r *Runtime) resolve(l subject.Launch) (subject.Launch, error) {
	if l.HTTPPort == 0 {
		l.HTTPPort = subject.HTTPPort
	}
	if l.Kind != subject.KindSim || l.Image != "" {
		return l, nil
	}
	l.Image = r.simImageFor(l)
	if l.Image == "" {
		return l, fmt.Errorf("no image of the simulated controller: build jenkins-sim (make build) or set kubernetes.sim_image")
	}
	l.User = strconv.Itoa(subject.JenkinsUID) + ":" + strconv.Itoa(subject.JenkinsGID)
	l.Command = append([]string{subject.HTTPPortFlag(l.HTTPPort)}, l.SimArgs...)
	if l.Cache != nil {
		l.Command = append(l.Command, l.Cache.ContainerFlag())
	}
	return l, nil
}

// simImageFor is the simulated controller's image for l: the scenario's
// own, else the one Open named.
func (r *Runtime) simImageFor(l subject.Launch) string {
	if l.Kubernetes != nil && l.Kubernetes.SimImage != "" {
		return l.Kubernetes.SimImage
	}
	return r.simImage
}

// Describe names what Start runs for l: the image of the pod's
// controller.
func (r *Runtime) Describe(l subject.Launch) string {
	if l.Kind == subject.KindSim && l.Image == "" {
		return r.simImageFor(l)
	}
	return l.Image
}
