package container

import (
	"context"
	"errors"
	"fmt"
	"net"
	"sync"
	"time"

	"github.com/containerd/errdefs"
	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/client"
	"github.com/testcontainers/testcontainers-go"

	"github.com/jsbench/jsbench/bench/observe/jenkinslog"
	"github.com/jsbench/jsbench/bench/runtime/contract"
)

// linesBuffered is how many lines wait for a slow reader before the log
// stream pauses; Docker keeps the log, so pausing loses nothing.
const linesBuffered = 1024

// waitRetry is the pause before asking again for the container's exit
// after the daemon's answer broke off.
const waitRetry = 200 * time.Millisecond

// Instance is one controller container. It implements contract.Instance.
type Instance struct {
	rt     *Runtime
	ctr    testcontainers.Container
	id     string
	port   int
	volume string
	tty    bool
	pid    int

	startedAt time.Time
	loginURL  string
	lines     chan jenkinslog.Line
	exited    chan struct{}

	// bg outlives Start's context: the log stream and the exit watch run
	// until Stop.
	bg       context.Context
	cancelBG context.CancelFunc
	workers  sync.WaitGroup

	mu        sync.Mutex
	exitCode  int
	hasExit   bool
	streamErr error

	stopOnce sync.Once
	stopErr  error
}

var (
	_ contract.Instance     = (*Instance)(nil)
	_ contract.ReceiptClock = (*Instance)(nil)
)

// begin reads what Docker knows of the started container and starts the
// log stream and the exit watch.
func (i *Instance) begin(ctx context.Context) error {
	i.id = i.ctr.GetContainerID()
	info, err := i.rt.docker.ContainerInspect(ctx, i.id, client.ContainerInspectOptions{})
	if err != nil {
		return fmt.Errorf("inspect container %.12s: %w", i.id, err)
	}
	c := info.Container
	i.tty = c.Config != nil && c.Config.Tty
	if c.State != nil {
		i.pid = c.State.Pid
	}
	i.loginURL = loginURL(c, i.port)
	i.lines = make(chan jenkinslog.Line, linesBuffered)
	i.exited = make(chan struct{})
	i.bg, i.cancelBG = context.WithCancel(context.WithoutCancel(ctx))
	i.workers.Add(2)
	go i.follow()
	go i.watchExit()
	return nil
}

// loginURL is /login on the host port Docker published, or "" when the
// container had already exited and holds no port.
func loginURL(c container.InspectResponse, port int) string {
	if c.NetworkSettings == nil {
		return ""
	}
	for _, b := range c.NetworkSettings.Ports[httpPortOf(port)] {
		if b.HostPort != "" {
			return "http://" + net.JoinHostPort(loopback.String(), b.HostPort) + "/login"
		}
	}
	return ""
}

// StartedAt is the harness's clock just before it asked Docker to start
// the container. Lines are stamped by Docker's clock on the same host;
// Docker's own StartedAt is recorded after the process may already have
// written its first lines, so it cannot be the origin.
func (i *Instance) StartedAt() time.Time { return i.startedAt }

// ReceivedClock says that lines are stamped by Docker as it reads them
// from the container, to the nanosecond: finer than Jenkins's own
// milliseconds, so such stamps time the start (contract.ReceiptClock).
func (i *Instance) ReceivedClock() jenkinslog.Clock {
	return jenkinslog.Clock{Source: "docker", Resolution: time.Nanosecond}
}

// Pid is the host's process id of the container's first process, 0 when
// it had exited before Start looked.
func (i *Instance) Pid() int { return i.pid }

// Lines streams the container's log from its first line, each stamped
// with Docker's receipt time. It is closed when the log ends or Stop is
// called.
func (i *Instance) Lines() <-chan jenkinslog.Line { return i.lines }

// Exited is closed when the container has exited.
func (i *Instance) Exited() <-chan struct{} { return i.exited }

// ExitCode is the container's exit status, once it has exited.
func (i *Instance) ExitCode() (int, bool) {
	i.mu.Lock()
	defer i.mu.Unlock()
	return i.exitCode, i.hasExit
}

// StreamErr says why Lines ended before the log did, nil when it did not.
// FullLog recovers what the stream missed.
func (i *Instance) StreamErr() error {
	i.mu.Lock()
	defer i.mu.Unlock()
	return i.streamErr
}

// LoginURL is /login on the loopback port Docker published for the
// controller's HTTP port.
func (i *Instance) LoginURL(ctx context.Context) (string, error) {
	if i.loginURL == "" {
		return "", fmt.Errorf("find published port %d of container %.12s: none (has it exited?)", i.port, i.id)
	}
	return i.loginURL, nil
}

// FullLog reads the whole log again with Docker's timestamps. It must be
// called before Stop, which removes the container and its log.
func (i *Instance) FullLog(ctx context.Context) ([]jenkinslog.Line, error) {
	return fullLog(ctx, i.rt.docker, i.id, i.tty)
}

// follow streams the log into Lines until it ends or Stop is called.
func (i *Instance) follow() {
	defer i.workers.Done()
	defer close(i.lines)
	rc, err := i.rt.docker.ContainerLogs(i.bg, i.id, logOptions(true))
	if err == nil {
		defer rc.Close()
		err = readLog(rc, i.tty, func(l jenkinslog.Line) error {
			select {
			case i.lines <- l:
				return nil
			case <-i.bg.Done():
				return i.bg.Err()
			}
		})
	}
	if err != nil && i.bg.Err() == nil {
		i.mu.Lock()
		i.streamErr = fmt.Errorf("stream log of container %.12s: %w", i.id, err)
		i.mu.Unlock()
	}
}

// watchExit closes Exited when the container stops running. A broken
// connection to the daemon is not an exit: the wait is asked again.
func (i *Instance) watchExit() {
	defer i.workers.Done()
	defer close(i.exited)
	for {
		wait := i.rt.docker.ContainerWait(i.bg, i.id, client.ContainerWaitOptions{Condition: container.WaitConditionNotRunning})
		select {
		case res := <-wait.Result:
			i.mu.Lock()
			i.exitCode, i.hasExit = int(res.StatusCode), true
			i.mu.Unlock()
			return
		case err := <-wait.Error:
			if i.bg.Err() != nil || errdefs.IsNotFound(err) {
				return // stopped or removed: gone either way
			}
		}
		select {
		case <-time.After(waitRetry):
		case <-i.bg.Done():
			return
		}
	}
}

// Stop stops the container with SIGTERM, kills it after the runtime's
// grace, then removes it with its anonymous volumes and the named volume
// Start created. It may be called more than once and works with a
// cancelled ctx.
func (i *Instance) Stop(ctx context.Context) error {
	i.stopOnce.Do(func() {
		i.stopErr = i.remove(ctx)
		if i.cancelBG != nil {
			i.cancelBG()
			i.workers.Wait()
		}
	})
	return i.stopErr
}

// remove stops and removes the container, then the named volume, also
// when ctx is cancelled.
func (i *Instance) remove(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), i.rt.stopGrace+removeTimeout)
	defer cancel()
	var errs []error
	if i.ctr != nil {
		err := i.ctr.Terminate(ctx, testcontainers.StopTimeout(i.rt.stopGrace))
		if err != nil && !errdefs.IsNotFound(err) {
			errs = append(errs, fmt.Errorf("remove container %.12s: %w", i.ctr.GetContainerID(), err))
		}
	}
	if i.volume != "" {
		_, err := i.rt.docker.VolumeRemove(ctx, i.volume, client.VolumeRemoveOptions{Force: true})
		if err != nil && !errdefs.IsNotFound(err) {
			errs = append(errs, fmt.Errorf("remove volume %q: %w", i.volume, err))
		}
	}
	return errors.Join(errs...)
}
