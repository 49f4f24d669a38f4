package process

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/jsbench/jsbench/bench/observe/jenkinslog"
	"github.com/jsbench/jsbench/bench/runtime/contract"
)

// drainTimeout is how long Stop waits for the output to end once the
// process group is gone; a descendant that left the group may still hold
// the pipe, which is then closed on our side.
const drainTimeout = 2 * time.Second

// Instance is one controller process. It implements contract.Instance.
type Instance struct {
	cmd       *exec.Cmd
	out       *os.File
	port      int
	grace     time.Duration
	startedAt time.Time

	log      *lineLog
	lines    chan jenkinslog.Line
	exited   chan struct{}
	readDone chan struct{}
	stopped  chan struct{}

	mu       sync.Mutex
	exitCode int
	hasExit  bool

	stopOnce sync.Once
	stopErr  error
}

var _ contract.Instance = (*Instance)(nil)

func newInstance(cmd *exec.Cmd, out *os.File, port int, grace time.Duration) *Instance {
	return &Instance{
		cmd: cmd, out: out, port: port, grace: grace,
		log:      newLineLog(),
		lines:    make(chan jenkinslog.Line),
		exited:   make(chan struct{}),
		readDone: make(chan struct{}),
		stopped:  make(chan struct{}),
	}
}

// run starts reading the output, delivering it, and waiting for the exit.
func (i *Instance) run() {
	go func() {
		defer close(i.readDone)
		readLines(i.out, i.log.add)
		i.log.end()
	}()
	go i.log.deliver(i.lines, i.stopped)
	go i.wait()
}

// wait reaps the process and records how it ended.
func (i *Instance) wait() {
	_ = i.cmd.Wait() // the exit status is read from ProcessState
	code := i.cmd.ProcessState.ExitCode()
	if ws, ok := i.cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		code = 128 + int(ws.Signal()) // as shells and Docker report it
	}
	i.mu.Lock()
	i.exitCode, i.hasExit = code, true
	i.mu.Unlock()
	close(i.exited)
}

// StartedAt is the harness's clock just before the process was started.
func (i *Instance) StartedAt() time.Time { return i.startedAt }

// ReceivedClock says that lines are stamped by the harness as it reads
// them from a pipe. The reader may take several lines at once, so no
// more than a millisecond is claimed: Jenkins's own milliseconds win a
// tie, a two-line log's whole seconds lose (contract.ReceiptClock).
func (i *Instance) ReceivedClock() jenkinslog.Clock {
	return jenkinslog.Clock{Source: "harness", Resolution: time.Millisecond}
}

// Lines streams stdout and stderr, merged as written, each line stamped
// with the harness's clock on receipt. It is closed when the output ends
// or Stop is called.
func (i *Instance) Lines() <-chan jenkinslog.Line { return i.lines }

// Exited is closed when the process has exited and been reaped.
func (i *Instance) Exited() <-chan struct{} { return i.exited }

// ExitCode is the exit status once the process has exited; 128 plus the
// signal number when a signal ended it.
func (i *Instance) ExitCode() (int, bool) {
	i.mu.Lock()
	defer i.mu.Unlock()
	return i.exitCode, i.hasExit
}

// Pid is the process id, which is also its process group id.
func (i *Instance) Pid() int { return i.cmd.Process.Pid }

// LoginURL is /login on the port the controller was told to listen on.
func (i *Instance) LoginURL(ctx context.Context) (string, error) {
	return "http://127.0.0.1:" + strconv.Itoa(i.port) + "/login", nil
}

// FullLog returns every line received so far; it is kept in memory for
// the life of the instance.
func (i *Instance) FullLog(ctx context.Context) ([]jenkinslog.Line, error) {
	return i.log.all(), nil
}

// Stop sends SIGTERM to the process group, SIGKILL after the grace, and
// reaps the process. It may be called more than once; it does not depend
// on ctx, so a cancelled one does not leave a controller behind.
func (i *Instance) Stop(ctx context.Context) error {
	i.stopOnce.Do(func() { i.stopErr = i.stop() })
	return i.stopErr
}

func (i *Instance) stop() error {
	pgid := i.cmd.Process.Pid
	var errs []error
	select {
	case <-i.exited:
	default:
		if err := syscall.Kill(-pgid, syscall.SIGTERM); err != nil && !isGone(err) {
			errs = append(errs, fmt.Errorf("stop process group %d: %w", pgid, err))
		}
		grace := time.NewTimer(i.grace)
		defer grace.Stop()
		select {
		case <-i.exited:
		case <-grace.C:
		}
	}
	// Whatever the group still holds goes too, including descendants of
	// a controller that exited by itself.
	if err := syscall.Kill(-pgid, syscall.SIGKILL); err != nil && !isGone(err) {
		errs = append(errs, fmt.Errorf("kill process group %d: %w", pgid, err))
	}
	<-i.exited
	i.drain()
	close(i.stopped)
	return errors.Join(errs...)
}

// drain lets the reader reach the end of the output, closing the pipe if
// a process outside the group still holds it open.
func (i *Instance) drain() {
	t := time.NewTimer(drainTimeout)
	defer t.Stop()
	select {
	case <-i.readDone:
	case <-t.C:
		i.out.Close()
		<-i.readDone
	}
	i.out.Close()
}
