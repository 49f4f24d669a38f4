// Package cleanup keeps the releases of everything a run acquired
// (containers, mounts, directories) and runs them last-in-first-out.
// The runner pushes a release right after each acquisition, so a failure
// at any step undoes exactly what was done before it.
package cleanup

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// Timeout bounds how long the releases of one stack may take in all.
const Timeout = 2 * time.Minute

// Release undoes one acquisition. It receives a context that is not
// cancelled by the user's Ctrl-C.
type Release func(ctx context.Context) error

type entry struct {
	name    string
	release Release
}

// Stack is a last-in-first-out list of releases. The zero value is ready
// to use and safe for concurrent Push.
type Stack struct {
	mu      sync.Mutex
	entries []entry
}

// Push registers a release under a name used in error messages.
func (s *Stack) Push(name string, release Release) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.entries = append(s.entries, entry{name: name, release: release})
}

// Len reports how many releases are pending.
func (s *Stack) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.entries)
}

// Run calls every pending release, newest first, and empties the stack.
// It keeps going after a failed release and returns all failures joined.
// The context it passes down survives the cancellation of ctx.
func (s *Stack) Run(ctx context.Context) error {
	s.mu.Lock()
	entries := s.entries
	s.entries = nil
	s.mu.Unlock()

	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), Timeout)
	defer cancel()
	var errs []error
	for i := len(entries) - 1; i >= 0; i-- {
		if err := entries[i].release(ctx); err != nil {
			errs = append(errs, fmt.Errorf("release %s: %w", entries[i].name, err))
		}
	}
	return errors.Join(errs...)
}
