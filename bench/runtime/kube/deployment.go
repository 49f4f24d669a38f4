package kube

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"

	"github.com/jsbench/jsbench/bench/lifecycle/cleanup"
)

const (
	// stopGrace is how long a pod deleted at the end of a run may take
	// to stop: Docker's default for `docker stop`, as the container
	// runtime uses.
	stopGrace = 10 * time.Second
	// gonePoll is how often deletion is checked.
	gonePoll = 200 * time.Millisecond
)

// deployment is one run's StatefulSet with its claim, volume and secret,
// the watcher of its objects and the releases of all of them. It outlives
// a failover: the replacement pod belongs to the same deployment.
type deployment struct {
	rt             *Runtime
	c              *Cluster
	plan           plan
	pendingTimeout time.Duration
	w              *watcher
	stack          cleanup.Stack
	// bg outlives Start's context: log streams and checks run until stop.
	bg       context.Context
	cancelBG context.CancelFunc
	workers  sync.WaitGroup

	proxyOnce sync.Once
	proxy     *loginProxy
	proxyErr  error
	stopOnce  sync.Once
	stopErr   error

	// pending are the restorations of the cluster a failover registered
	// (settle.go), run before the next failover.
	pendingMu sync.Mutex
	pending   []pendingRestore
	// timers are the cluster's timers, read once (failreport.go).
	timers timersOnce
}

// start watches, then creates the objects in dependency order, pushing
// each one's deletion at once.
func (d *deployment) start(ctx context.Context) (*Instance, error) {
	d.bg, d.cancelBG = context.WithCancel(context.WithoutCancel(ctx))
	tl := newTimeline(time.Time{})
	d.w = watch(d.c, d.plan.name, tl)
	if err := d.w.synced(ctx); err != nil {
		return nil, err
	}
	p := d.plan
	api := d.c.Client
	ns := d.c.Namespace
	if p.secret != nil {
		if _, err := api.CoreV1().Secrets(ns).Create(ctx, p.secret, metav1.CreateOptions{}); err != nil {
			return nil, fmt.Errorf("create secret %s: %w", p.name, err)
		}
		d.stack.Push("secret "+p.name, func(ctx context.Context) error {
			return ignoreNotFound(api.CoreV1().Secrets(ns).Delete(ctx, p.name, metav1.DeleteOptions{}))
		})
	}
	if p.pv != nil {
		if _, err := api.CoreV1().PersistentVolumes().Create(ctx, p.pv, metav1.CreateOptions{}); err != nil {
			return nil, fmt.Errorf("create persistent volume %s: %w", p.name, err)
		}
		d.stack.Push("persistent volume "+p.name, d.deletePV)
		if err := d.waitAvailable(ctx); err != nil {
			return nil, err
		}
	}
	// The clock starts with the claim: a hostPath PV stands for a volume
	// that a real cluster has or provisions for the claim. A move between
	// classes starts it with the snapshot.
	if p.move != nil {
		if err := d.startMove(ctx, tl); err != nil {
			return nil, err
		}
	} else {
		tl.mu.Lock()
		tl.origin = time.Now()
		tl.mu.Unlock()
	}
	if _, err := api.CoreV1().PersistentVolumeClaims(ns).Create(ctx, p.claim, metav1.CreateOptions{}); err != nil {
		return nil, fmt.Errorf("create claim %s: %w", p.name, err)
	}
	d.stack.Push("claim "+p.name, d.deleteClaim)
	if _, err := api.AppsV1().StatefulSets(ns).Create(ctx, p.sts, metav1.CreateOptions{}); err != nil {
		return nil, fmt.Errorf("create statefulset %s: %w", p.name, err)
	}
	d.stack.Push("statefulset "+p.name, d.deleteStatefulSet)
	return d.instance(tl), nil
}

// deleteStatefulSet deletes the StatefulSet and its pod, and waits for
// the pod to be gone: only then are its volume's mounts released.
func (d *deployment) deleteStatefulSet(ctx context.Context) error {
	api, ns, name := d.c.Client, d.c.Namespace, d.plan.name
	err := ignoreNotFound(api.AppsV1().StatefulSets(ns).Delete(ctx, name, metav1.DeleteOptions{
		PropagationPolicy: ptr.To(metav1.DeletePropagationBackground)}))
	grace := int64(stopGrace / time.Second)
	perr := ignoreNotFound(api.CoreV1().Pods(ns).Delete(ctx, podName(name), metav1.DeleteOptions{GracePeriodSeconds: &grace}))
	werr := waitGone(ctx, "pod "+podName(name), func(ctx context.Context) error {
		_, err := api.CoreV1().Pods(ns).Get(ctx, podName(name), metav1.GetOptions{})
		return err
	})
	return errors.Join(err, perr, werr)
}

func (d *deployment) deleteClaim(ctx context.Context) error {
	return d.deleteClaimNamed(ctx, d.plan.name)
}

// deleteClaimNamed deletes a claim and waits until it is gone.
func (d *deployment) deleteClaimNamed(ctx context.Context, name string) error {
	api, ns := d.c.Client, d.c.Namespace
	if err := ignoreNotFound(api.CoreV1().PersistentVolumeClaims(ns).Delete(ctx, name, metav1.DeleteOptions{})); err != nil {
		return err
	}
	return waitGone(ctx, "claim "+name, func(ctx context.Context) error {
		_, err := api.CoreV1().PersistentVolumeClaims(ns).Get(ctx, name, metav1.GetOptions{})
		return err
	})
}

func (d *deployment) deletePV(ctx context.Context) error {
	api, name := d.c.Client, d.plan.name
	if err := ignoreNotFound(api.CoreV1().PersistentVolumes().Delete(ctx, name, metav1.DeleteOptions{})); err != nil {
		return err
	}
	return waitGone(ctx, "persistent volume "+name, func(ctx context.Context) error {
		_, err := api.CoreV1().PersistentVolumes().Get(ctx, name, metav1.GetOptions{})
		return err
	})
}

// waitAvailable waits until the cluster's volume controller has seen the
// run's hostPath PV (its phase set): a claim created before that waits
// for the controller's next periodic sync (15 s), which a volume that
// exists or is provisioned for the claim would not.
func (d *deployment) waitAvailable(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, d.pendingTimeout)
	defer cancel()
	tick := time.NewTicker(gonePoll / 2)
	defer tick.Stop()
	for {
		pv, err := d.c.Client.CoreV1().PersistentVolumes().Get(ctx, d.plan.name, metav1.GetOptions{})
		if err == nil && pv.Status.Phase != corev1.VolumePending && pv.Status.Phase != "" {
			return nil
		}
		select {
		case <-tick.C:
		case <-ctx.Done():
			return fmt.Errorf("persistent volume %s not available within %s: %w", d.plan.name, d.pendingTimeout, ctx.Err())
		}
	}
}

// waitGone polls get until it answers NotFound.
func waitGone(ctx context.Context, what string, get func(context.Context) error) error {
	tick := time.NewTicker(gonePoll)
	defer tick.Stop()
	for {
		err := get(ctx)
		if apierrors.IsNotFound(err) {
			return nil
		}
		select {
		case <-tick.C:
		case <-ctx.Done():
			return fmt.Errorf("wait for %s to be deleted: %w", what, ctx.Err())
		}
	}
}

func ignoreNotFound(err error) error {
	if apierrors.IsNotFound(err) {
		return nil
	}
	return err
}

// loginURL starts the proxy to the pod's HTTP port once.
func (d *deployment) loginURL() (string, error) {
	d.proxyOnce.Do(func() {
		d.proxy, d.proxyErr = startLoginProxy(d.c, podName(d.plan.name), int(d.plan.sts.Spec.Template.Spec.Containers[0].Ports[0].ContainerPort))
	})
	if d.proxyErr != nil {
		return "", d.proxyErr
	}
	return d.proxy.url(), nil
}

// stop ends the watches and streams, then deletes everything, newest
// first. It may be called more than once and works with a cancelled ctx.
func (d *deployment) stop(ctx context.Context) error {
	d.stopOnce.Do(func() {
		if d.cancelBG != nil {
			d.cancelBG()
		}
		d.workers.Wait()
		if d.w != nil {
			d.w.close()
		}
		if d.proxy != nil {
			_ = d.proxy.close(ctx)
		}
		d.stopErr = d.stack.Run(ctx)
	})
	return d.stopErr
}
