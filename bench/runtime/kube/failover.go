package kube

import (
	"context"
	"errors"
	"fmt"
	"time"

	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"

	"github.com/jsbench/jsbench/bench/plan/subject"
	"github.com/jsbench/jsbench/bench/runtime/contract"
)

// ErrNoOtherNode means a drain cannot be measured: no other node could
// take the controller, so it would stay down until the node is uncordoned.
var ErrNoOtherNode = errors.New("no other schedulable node for the replacement")

// Fail loses the running controller as fo says — its pod deleted (with
// the given grace), its node cordoned and the pod evicted, its node or
// its whole zone powered off — and returns the replacement the
// StatefulSet makes, timed from the request. What an earlier failover of
// the run changed (a node off, cordoned or tainted) is given back first.
func (i *Instance) Fail(ctx context.Context, fo subject.Failover) (contract.Instance, error) {
	if err := i.d.settle(ctx); err != nil {
		return nil, fmt.Errorf("give the cluster back after the last failover: %w", err)
	}
	old := i.tl.snapshot()
	if old.pod == nil {
		return nil, fmt.Errorf("no running pod to lose")
	}
	if fo.Action == subject.FailoverDrain {
		if err := i.d.checkOtherNode(ctx, old.pod.Spec.NodeName); err != nil {
			return nil, err
		}
	}
	tl := newTimeline(time.Now())
	tl.failover, tl.oldUID, tl.oldNode, tl.pvName = true, old.pod.UID, old.pod.Spec.NodeName, old.pvName
	tl.step(stepDeleteRequested, tl.origin, nil)
	i.d.w.replace(tl)
	var err error
	switch fo.Action {
	case subject.FailoverDelete:
		err = i.d.deletePod(ctx, old.pod.UID, fo.GraceSeconds())
	case subject.FailoverDrain:
		err = i.d.drain(ctx, old.pod.Spec.NodeName, fo.GraceSeconds())
	case subject.FailoverNodeLoss, subject.FailoverZoneLoss:
		err = i.d.loseNodes(ctx, tl, fo, old.pod.Spec.NodeName)
	default:
		err = fmt.Errorf("unknown failover action %q", fo.Action)
	}
	if err != nil {
		tl.mu.Lock()
		tl.fail(err.Error())
		tl.mu.Unlock()
		return nil, err
	}
	return i.d.instance(tl), nil
}

func (d *deployment) deletePod(ctx context.Context, uid types.UID, grace *int64) error {
	opts := metav1.DeleteOptions{Preconditions: &metav1.Preconditions{UID: &uid}, GracePeriodSeconds: grace}
	if err := d.c.Client.CoreV1().Pods(d.c.Namespace).Delete(ctx, podName(d.plan.name), opts); err != nil {
		return fmt.Errorf("delete pod %s: %w", podName(d.plan.name), err)
	}
	return nil
}

// drain does to the controller what kubectl drain does to every pod of a
// node: cordon the node, evict the pod. Other pods of the node are not
// jsbench's and are left alone. The node is uncordoned when the run ends.
func (d *deployment) drain(ctx context.Context, node string, grace *int64) error {
	nodes := d.c.Client.CoreV1().Nodes()
	patch := []byte(`{"spec":{"unschedulable":true}}`)
	if _, err := nodes.Patch(ctx, node, types.StrategicMergePatchType, patch, metav1.PatchOptions{}); err != nil {
		return fmt.Errorf("cordon node %s: %w", node, err)
	}
	d.restoreLater("cordon of node "+node, func(ctx context.Context) error {
		_, err := nodes.Patch(ctx, node, types.StrategicMergePatchType, []byte(`{"spec":{"unschedulable":false}}`), metav1.PatchOptions{})
		return ignoreNotFound(err)
	})
	ev := &policyv1.Eviction{ObjectMeta: metav1.ObjectMeta{Name: podName(d.plan.name), Namespace: d.c.Namespace},
		DeleteOptions: &metav1.DeleteOptions{GracePeriodSeconds: grace}}
	if err := d.c.Client.CoreV1().Pods(d.c.Namespace).EvictV1(ctx, ev); err != nil {
		return fmt.Errorf("evict pod %s: %w", ev.Name, err)
	}
	return nil
}

// checkOtherNode refuses a drain on a cluster where no other node is
// Ready and schedulable.
func (d *deployment) checkOtherNode(ctx context.Context, node string) error {
	list, err := d.c.Client.CoreV1().Nodes().List(ctx, metav1.ListOptions{})
	if err != nil {
		return fmt.Errorf("list nodes: %w", err)
	}
	for _, n := range list.Items {
		if n.Name != node && !n.Spec.Unschedulable && ready(n) {
			return nil
		}
	}
	return fmt.Errorf("drain node %s: %w: the cluster has %d node(s) and none but %s is Ready and schedulable, so the controller would stay down until the node is uncordoned; a drain failover needs a second node", node, ErrNoOtherNode, len(list.Items), node)
}

func ready(n corev1.Node) bool {
	for _, c := range n.Status.Conditions {
		if c.Type == corev1.NodeReady {
			return c.Status == corev1.ConditionTrue
		}
	}
	return false
}
