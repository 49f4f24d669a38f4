package kube

import (
	"context"
	"errors"
	"io"
	"sync"
	"time"

	"github.com/jsbench/jsbench/bench/observe/jenkinslog"
	"github.com/jsbench/jsbench/bench/plan/subject"
	"github.com/jsbench/jsbench/bench/runtime/contract"
)

const (
	// linesBuffered is how many lines wait for a slow reader; the node
	// keeps the log, so pausing the stream loses nothing.
	linesBuffered = 1024
	// logRetry is the pause before asking again for the log of a
	// container that has only just started.
	logRetry = 250 * time.Millisecond
	// stuckPoll is how often a start past its pending timeout is checked.
	stuckPoll = time.Second
)

// Instance is one start of the controller's pod: the first, or the
// replacement after a failover. It implements contract.Instance,
// contract.Platform and contract.Failing.
type Instance struct {
	d     *deployment
	tl    *timeline
	lines chan jenkinslog.Line
	// first is the node's stamp of the controller's first log line.
	firstMu sync.Mutex
	first   time.Time
}

var (
	_ contract.Instance = (*Instance)(nil)
	_ contract.Platform = (*Instance)(nil)
	_ contract.Failing  = (*Instance)(nil)
)

// instance starts following the log of the start tl stands for, and the
// check of its pending timeout.
func (d *deployment) instance(tl *timeline) *Instance {
	i := &Instance{d: d, tl: tl, lines: make(chan jenkinslog.Line, linesBuffered)}
	d.workers.Add(2)
	go i.follow()
	go i.watchPending()
	return i
}

// Run names the run's objects: the StatefulSet, claim, hostPath volume
// and Secret, and the value of their LabelRun.
func (i *Instance) Run() string { return i.d.plan.name }

// StartedAt is the moment before the run's first object was created (or,
// for a replacement, before the request that lost its predecessor), by
// jsbench's clock.
func (i *Instance) StartedAt() time.Time {
	i.tl.mu.Lock()
	defer i.tl.mu.Unlock()
	return i.tl.origin
}

// Lines streams the controller's log once its container has started,
// each line stamped by the node as it arrived, by the node's clock. It is
// closed when the log ends or the start failed.
func (i *Instance) Lines() <-chan jenkinslog.Line { return i.lines }

// Exited is closed when the start has failed for good: the controller's
// container ended, the restore failed, the image cannot be had, or the
// pod stayed stuck past the pending timeout.
func (i *Instance) Exited() <-chan struct{} { return i.tl.exited }

// LoginURL is /login through the API server's pod proxy, served on a
// loopback port of this machine.
func (i *Instance) LoginURL(ctx context.Context) (string, error) { return i.d.loginURL() }

// FullLog reads the controller's whole log again through the API server.
func (i *Instance) FullLog(ctx context.Context) ([]jenkinslog.Line, error) {
	lines, err := i.d.c.fullLog(ctx, podName(i.d.plan.name), controllerContainer)
	if len(lines) > 0 {
		i.sawLine(lines[0])
	}
	return lines, err
}

// sawLine keeps the earliest stamp of a first line.
func (i *Instance) sawLine(l jenkinslog.Line) {
	i.firstMu.Lock()
	defer i.firstMu.Unlock()
	if !l.Received.IsZero() && (i.first.IsZero() || l.Received.Before(i.first)) {
		i.first = l.Received
	}
}

// firstLine is the node's stamp of the first line, zero before one.
func (i *Instance) firstLine() time.Time {
	i.firstMu.Lock()
	defer i.firstMu.Unlock()
	return i.first
}

// Stop deletes the StatefulSet, its pod, claim, volume and secret, and
// waits until they are gone. It may be called more than once and works
// with a cancelled ctx.
func (i *Instance) Stop(ctx context.Context) error { return i.d.stop(ctx) }

// follow streams the log into Lines from the container's start.
func (i *Instance) follow() {
	defer i.d.workers.Done()
	defer close(i.lines)
	select {
	case <-i.tl.started:
	case <-i.d.bg.Done():
		return
	}
	for {
		select {
		case <-i.tl.exited:
			if i.tl.snapshot().at(stepContainerStarted).IsZero() {
				return
			}
		default:
		}
		rc, err := i.d.c.logRequest(i.d.bg, podName(i.d.plan.name), controllerContainer, true)
		if err == nil {
			i.stream(rc)
			return
		}
		select {
		case <-time.After(logRetry):
		case <-i.d.bg.Done():
			return
		}
	}
}

func (i *Instance) stream(rc io.ReadCloser) {
	defer rc.Close()
	go func() { // a follow request ends only with the container
		<-i.d.bg.Done()
		rc.Close()
	}()
	first := true
	_ = readLines(rc, func(l jenkinslog.Line) error {
		if first {
			i.sawLine(l)
			first = false
		}
		select {
		case i.lines <- l:
			return nil
		case <-i.d.bg.Done():
			return errors.New("stopped")
		}
	})
}

// watchPending fails the start once it has been stuck — claim Pending,
// pod unschedulable, image not pullable, volume not attachable — for
// longer than the pending timeout.
func (i *Instance) watchPending() {
	defer i.d.workers.Done()
	deadline := time.NewTimer(time.Until(i.StartedAt().Add(i.d.pendingTimeout)))
	defer deadline.Stop()
	select {
	case <-deadline.C:
	case <-i.tl.started:
		return
	case <-i.d.bg.Done():
		return
	}
	tick := time.NewTicker(stuckPoll)
	defer tick.Stop()
	for {
		v := i.tl.snapshot()
		if v.loss != nil && v.loss.recovery == subject.RecoveryNone {
			return // recoverNodes bounds it, with the reason that fits
		}
		if reason := stuckReason(v.pod, v.claim, v.events); reason != "" {
			i.tl.mu.Lock()
			i.tl.fail(reason + " (for longer than the pending timeout, " + i.d.pendingTimeout.String() + ")")
			i.tl.mu.Unlock()
			return
		}
		select {
		case <-tick.C:
		case <-i.tl.started:
			return
		case <-i.d.bg.Done():
			return
		}
	}
}
