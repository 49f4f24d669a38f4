package contract

import (
	"context"
	"time"

	"github.com/jsbench/jsbench/bench/plan/subject"
	"github.com/jsbench/jsbench/bench/record/results"
)

// Platform is an optional ability of an Instance whose platform goes
// through steps of its own before the controller writes its first line:
// on Kubernetes the claim binds, the pod is scheduled, the volume
// attached, a backup restored, the image readied, the container started.
type Platform interface {
	// Report says what the platform saw of this start. It is called once
	// observation has ended, after FullLog and before Stop.
	Report(ctx context.Context) PlatformReport
}

// PlatformReport is what a Platform saw of one start.
type PlatformReport struct {
	// Phases are the platform's steps, in order, offsets from StartedAt;
	// they come before the controller's own phases in the record.
	Phases []results.Phase
	// ContainerStarted is when the controller's process started (the
	// origin of pre_jvm); zero means StartedAt.
	ContainerStarted time.Time
	// Failure, when set, is why the start failed in the platform's words
	// (OOMKilled, FailedScheduling with its message, …); it replaces the
	// reason the log alone gave.
	Failure string
	// Kubernetes is the record's kubernetes part.
	Kubernetes *results.Kubernetes
	// Facts join the volume's parameters (a restore's statistics).
	Facts    map[string]string
	Warnings []string
	// Failover is what the platform knows of a failover's loss and
	// recovery (nodes lost, outcome, restore, timers); the runner keeps
	// the action it asked for and the downtime it measured.
	Failover *results.Failover
}

// Failing is an optional ability of an Instance that can be lost on
// purpose and replaced by its platform: a pod of a StatefulSet.
type Failing interface {
	// Fail loses the running controller as fo says and returns its
	// replacement, whose StartedAt is the moment of the loss and whose
	// Report covers the loss (terminating, detach) before the new start.
	// Stopping either instance stops both.
	Fail(ctx context.Context, fo subject.Failover) (Instance, error)
}
