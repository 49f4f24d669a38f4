package kube

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	corev1 "k8s.io/api/core/v1"
)

// restoreLater registers what gives the cluster back as a failover found
// it — a node powered on, uncordoned, its out-of-service taint removed —
// on the run's cleanup stack at once (it runs after Ctrl-C too) and among
// the restorations settle runs before the next failover, so that each
// failover of a run starts from every node in service. Each runs once.
func (d *deployment) restoreLater(name string, release func(context.Context) error) {
	var once sync.Once
	var err error
	run := func(ctx context.Context) error {
		once.Do(func() { err = release(ctx) })
		return err
	}
	d.stack.Push(name, run)
	d.pendingMu.Lock()
	d.pending = append(d.pending, pendingRestore{name: name, run: run})
	d.pendingMu.Unlock()
}

// pendingRestore is one registered restoration not yet run by settle.
type pendingRestore struct {
	name string
	run  func(context.Context) error
}

// settle runs the restorations registered since the last one, newest
// first, as the stack would.
func (d *deployment) settle(ctx context.Context) error {
	d.pendingMu.Lock()
	todo := d.pending
	d.pending = nil
	d.pendingMu.Unlock()
	var errs []error
	for i := len(todo) - 1; i >= 0; i-- {
		if err := todo[i].run(ctx); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", todo[i].name, err))
		}
	}
	return errors.Join(errs...)
}

// taintPatch is the merge patch that sets a node's taints to taints.
func taintPatch(taints []corev1.Taint) ([]byte, error) {
	if taints == nil {
		taints = []corev1.Taint{}
	}
	patch, err := json.Marshal(map[string]any{"spec": map[string]any{"taints": taints}})
	if err != nil {
		return nil, fmt.Errorf("encode taints: %w", err)
	}
	return patch, nil
}
