package simulator

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// task is one unit of Jenkins's init reactor, named as Jenkins names it
// in "Failed <name>" records.
type task struct {
	name string
	// step names the simulated code in an exception's frame.
	step string
	// fatal failures abort the boot (BootFailure); others are logged and
	// the boot goes on, as Jenkins's notFatal() tasks.
	fatal bool
	run   func() error
}

// taskError is a task that failed.
type taskError struct {
	task   string // empty for failures outside the reactor (Jenkins#<init>)
	step   string
	thread int
	err    error
}

func (e *taskError) Error() string { return fmt.Sprintf("%s: %v", e.task, e.err) }
func (e *taskError) Unwrap() error { return e.err }

// reactor runs tasks on threads goroutines, as Jenkins's init reactor runs
// them on 2 × CPUs threads (../shared/calibration.md).
type reactor struct {
	threads int
	log     *logger
	// before, when set, is called once a milestone's tasks are done, just
	// before the milestone is logged.
	before func(milestone string)
}

// attain runs tasks in parallel, then logs milestone from the thread that
// finished last. It returns the first fatal failure, or ctx's error.
func (r *reactor) attain(ctx context.Context, milestone string, tasks []task) error {
	thread, err := r.runAll(ctx, tasks)
	if err != nil {
		return err
	}
	if r.before != nil {
		r.before(milestone)
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	r.log.log(thread, levelInfo, "jenkins.InitReactorRunner$1#onAttained", "%s", milestone)
	return nil
}

func (r *reactor) runAll(ctx context.Context, tasks []task) (int, error) {
	var (
		mu    sync.Mutex
		fatal error
		last  = threadReactor
		wg    sync.WaitGroup
		queue = make(chan task)
	)
	for i := range min(r.threads, len(tasks)) {
		thread := threadReactor + i
		wg.Go(func() {
			for t := range queue {
				err := t.run()
				mu.Lock()
				last = thread
				if err != nil && fatal == nil && t.fatal {
					fatal = &taskError{task: t.name, step: t.step, thread: thread, err: err}
				}
				mu.Unlock()
				if err != nil {
					r.log.logError(thread, levelSevere, "jenkins.InitReactorRunner$1#onTaskFailed", "Failed "+t.name, nioException(err, t.step))
				}
			}
		})
	}
	for _, t := range tasks {
		mu.Lock()
		stop := fatal != nil
		mu.Unlock()
		if stop || ctx.Err() != nil {
			break
		}
		queue <- t
	}
	close(queue)
	wg.Wait()
	if fatal != nil {
		return last, fatal
	}
	return last, ctx.Err()
}

// burn keeps a CPU busy for d: the --cpu-per-* workload knobs.
func burn(d time.Duration) {
	if d <= 0 {
		return
	}
	x := uint64(1)
	for start := time.Now(); time.Since(start) < d; {
		for range 10000 {
			x = x*6364136223846793005 + 1442695040888963407
		}
	}
	sink = x
}

// sink keeps burn's loop from being optimized away.
var sink uint64
