package container

import (
	"context"
	"fmt"
	"strconv"

	"github.com/jsbench/jsbench/bench/lifecycle/sweep"
	"github.com/jsbench/jsbench/bench/plan/subject"
	"github.com/jsbench/jsbench/bench/runtime/contract"
	"github.com/jsbench/jsbench/bench/simulate/simulator"
)

// Name is this runtime's name in scenarios (subject.runtime).
const Name = "container"

// Spec is what the container runtime accepts: the simulated controller
// and images, never a war; every volume but a cluster's claim.
func Spec() subject.RuntimeSpec {
	return subject.RuntimeSpec{
		Name:           Name,
		DefaultFor:     []string{subject.KindSim, subject.KindImage},
		RefusesSubject: map[string]string{subject.KindWar: "a war subject runs as a process; to run Jenkins in a container use kind: image"},
		RefusesVolume:  map[string]string{"pvc": "kind pvc is a PersistentVolumeClaim: it needs subject.runtime: kubernetes"},
		JenkinsUser:    true,
	}
}

// Open connects to Docker and builds, once, the images env's subjects
// need: the simulated controller's, and the official image's stand-in.
func Open(ctx context.Context, env contract.Env) (contract.Runtime, error) {
	r, err := New()
	if err != nil {
		return nil, err
	}
	for _, u := range env.Uses {
		if err := r.ready(ctx, env, u); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// ready builds what one use needs and is not built yet.
func (r *Runtime) ready(ctx context.Context, env contract.Env, u contract.Use) error {
	needSim := u.Kind == subject.KindSim && r.simImage == ""
	needStandIn := u.Kind == subject.KindImage && subject.IsStandIn(u.Image) && r.standInImage == ""
	if !needSim && !needStandIn {
		return nil
	}
	bin, err := env.SimBinary()
	if err != nil {
		return err
	}
	if needSim {
		if r.simImage, err = EnsureSimImage(ctx, bin); err != nil {
			return fmt.Errorf("build the simulated controller's image: %w", err)
		}
	}
	if needStandIn {
		if r.standInImage, err = EnsureStandInImage(ctx, bin, simulator.Version); err != nil {
			return fmt.Errorf("build the official image's stand-in: %w", err)
		}
	}
	return nil
}

// SweepSteps removes the containers and volumes killed sessions left,
// whether or not this session uses Docker; without a daemon nothing runs.
func SweepSteps(ctx context.Context, _ contract.SweepEnv) []sweep.Step {
	if Available(ctx) != nil {
		return nil
	}
	return []sweep.Step{{Stage: sweep.Workloads, Name: "docker containers and volumes", Sweep: Sweep}}
}

// resolve completes a launch with what this runtime runs for it: the
// simulated controller's image as the jenkins user, told its port; the
// stand-in built here for the stand-in's name.
func (r *Runtime) resolve(l subject.Launch) (subject.Launch, error) {
	if l.HTTPPort == 0 {
		l.HTTPPort = subject.HTTPPort
	}
	switch {
	case l.Kind == subject.KindSim && l.Image == "":
		if r.simImage == "" {
			return l, fmt.Errorf("no image of the simulated controller: the container runtime was not opened for a sim subject")
		}
		l.Image, l.User = r.simImage, strconv.Itoa(subject.JenkinsUID)+":"+strconv.Itoa(subject.JenkinsGID)
		l.Command = append([]string{subject.HTTPPortFlag(l.HTTPPort)}, l.SimArgs...)
		if l.Cache != nil {
			l.Command = append(l.Command, l.Cache.ContainerFlag())
		}
	case l.Kind == subject.KindImage && subject.IsStandIn(l.Image) && r.standInImage != "":
		l.Image = r.standInImage
	}
	return l, nil
}

// Describe names what Start runs for l: the image, the simulated
// controller's image, or the stand-in built here.
func (r *Runtime) Describe(l subject.Launch) string {
	if l, err := r.resolve(l); err == nil {
		return l.Image
	}
	return l.Image
}
