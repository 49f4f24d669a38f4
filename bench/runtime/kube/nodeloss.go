package kube

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"

	"github.com/jsbench/jsbench/bench/plan/subject"
)

// Milestones of a node or zone loss, before the replacement's own.
const (
	// stepPowerOff: the power-off command returned for every lost node.
	stepPowerOff = "power_off"
	// stepNodeNotReady: a lost node's Ready condition left True (the node
	// lifecycle controller stopped hearing its heartbeats).
	stepNodeNotReady = "node_not_ready"
	// stepNodeTainted: the node.kubernetes.io/unreachable (or not-ready)
	// NoExecute taint on a lost node.
	stepNodeTainted = "node_tainted"
	// stepPodMarked: the old pod's deletionTimestamp set (taint eviction,
	// the pod garbage collector, a forced deletion).
	stepPodMarked = "pod_marked_for_deletion"
	// stepRecoveryAction: the recovery path's action sent (forced pod
	// deletion, out-of-service taint, Node deleted).
	stepRecoveryAction = "recovery_action"
)

const (
	// outOfServiceTaint is Kubernetes' non-graceful node shutdown taint.
	outOfServiceTaint = "node.kubernetes.io/out-of-service"
	// nodePoll is how often the lost nodes are read.
	nodePoll = 250 * time.Millisecond
	// powerTimeout bounds one power-off or power-on command.
	powerTimeout = 5 * time.Minute
	// outputTail is how much of a failed command's output an error quotes.
	outputTail = 400
)

// notRecoveredNone is the reason of a node loss left to Kubernetes'
// defaults, once its bound has passed.
const notRecoveredNone = "did not recover: the StatefulSet waits for the pod on the unreachable node, whose kubelet will never confirm its deletion (recovery: none, bounded by kubernetes.pending_timeout %s)"

// lostNode is a node a failover powers off, as its power commands see it.
type lostNode struct {
	name, providerID, zone string
}

// loseNodes powers off the old pod's node (node-loss) or every node of
// its zone (zone-loss), registers their power-on at once, and starts the
// recovery the failover names.
func (d *deployment) loseNodes(ctx context.Context, tl *timeline, fo subject.Failover, node string) error {
	lost, err := d.nodesToLose(ctx, fo, node)
	if err != nil {
		return err
	}
	names := make([]string, len(lost))
	for i, n := range lost {
		names[i] = n.name
		d.restoreLater("power of node "+n.name, func(ctx context.Context) error {
			return runPower(ctx, fo.PowerOn, n)
		})
	}
	tl.mu.Lock()
	tl.loss = &lossFacts{recovery: fo.Recovery, after: fo.After, nodes: names, zone: lost[0].zone}
	tl.mu.Unlock()
	if err := powerOff(ctx, fo.PowerOff, lost); err != nil {
		return err
	}
	tl.mu.Lock()
	tl.step(stepPowerOff, time.Now(), nil)
	tl.mu.Unlock()
	d.workers.Add(1)
	go d.recoverNodes(tl, fo, lost)
	return nil
}

// nodesToLose is the pod's node, or every node of its zone, refused when
// no Ready node would be left to take the controller.
func (d *deployment) nodesToLose(ctx context.Context, fo subject.Failover, node string) ([]lostNode, error) {
	list, err := d.c.Client.CoreV1().Nodes().List(ctx, metav1.ListOptions{})
	if err != nil {
		return nil, fmt.Errorf("list nodes: %w", err)
	}
	zone := ""
	for _, n := range list.Items {
		if n.Name == node {
			zone = n.Labels[corev1.LabelTopologyZone]
		}
	}
	var lost []lostNode
	left := 0
	for _, n := range list.Items {
		gone := n.Name == node || fo.Action == subject.FailoverZoneLoss && zone != "" && n.Labels[corev1.LabelTopologyZone] == zone
		switch {
		case gone:
			lost = append(lost, lostNode{name: n.Name, providerID: n.Spec.ProviderID, zone: n.Labels[corev1.LabelTopologyZone]})
		case !n.Spec.Unschedulable && ready(n):
			left++
		}
	}
	if fo.Action == subject.FailoverZoneLoss && zone == "" {
		return nil, fmt.Errorf("zone-loss: node %s has no %s label, so its zone is unknown", node, corev1.LabelTopologyZone)
	}
	if len(lost) == 0 {
		return nil, fmt.Errorf("%s: node %s of the pod is not in the cluster", fo.Action, node)
	}
	if left == 0 {
		return nil, fmt.Errorf("%s of %s: %w: every other node is lost with it or not Ready and schedulable, so nothing could take the controller (local cluster: scripts/cluster.sh up --nodes 3 --zones a,a,b for a zone loss)", fo.Action, node, ErrNoOtherNode)
	}
	return lost, nil
}

// powerOff runs the power-off command of every lost node at once, as a
// zone's nodes go down together.
func powerOff(ctx context.Context, command string, lost []lostNode) error {
	errs := make([]error, len(lost))
	var wg sync.WaitGroup
	for i, n := range lost {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = runPower(ctx, command, n)
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// runPower runs a power command through sh with the node in NODE,
// NODE_PROVIDER_ID and NODE_ZONE; jsbench holds no credentials of its
// own, so the command uses its environment's.
func runPower(ctx context.Context, command string, n lostNode) error {
	ctx, cancel := context.WithTimeout(ctx, powerTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "sh", "-c", command)
	cmd.Env = append(os.Environ(), "NODE="+n.name, "NODE_PROVIDER_ID="+n.providerID, "NODE_ZONE="+n.zone)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		text := strings.TrimSpace(out.String())
		if len(text) > outputTail {
			text = "…" + text[len(text)-outputTail:]
		}
		return fmt.Errorf("power command %q for node %s: %w: %s", command, n.name, err, text)
	}
	return nil
}

// recoverNodes follows the lost nodes until the cluster notices, then
// takes the failover's recovery path after its delay. With recovery none
// it only watches, and ends the start once the pending timeout has
// passed: the StatefulSet never replaces the pod by itself.
func (d *deployment) recoverNodes(tl *timeline, fo subject.Failover, lost []lostNode) {
	defer d.workers.Done()
	ctx := d.bg
	tick := time.NewTicker(nodePoll)
	defer tick.Stop()
	bound := time.NewTimer(time.Until(tl.origin.Add(d.pendingTimeout)))
	defer bound.Stop()
	var notReady time.Time
	acted := false
	for {
		if at, tainted := d.readLostNodes(ctx, lost); !at.IsZero() {
			tl.mu.Lock()
			tl.step(stepNodeNotReady, at, nil)
			if tainted {
				tl.step(stepNodeTainted, at, nil)
			}
			tl.mu.Unlock()
			if notReady.IsZero() {
				notReady = at
			}
		}
		if !acted && !notReady.IsZero() && time.Since(notReady) >= fo.After && fo.Recovery != subject.RecoveryNone {
			acted = true
			if err := d.recoveryAction(ctx, tl, fo, lost); err != nil {
				tl.mu.Lock()
				tl.fail(fmt.Sprintf("recovery %s: %v", fo.Recovery, err))
				tl.mu.Unlock()
				return
			}
		}
		select {
		case <-tick.C:
		case <-bound.C:
			if fo.Recovery == subject.RecoveryNone {
				tl.mu.Lock()
				tl.notRecovered = true
				tl.fail(fmt.Sprintf(notRecoveredNone, d.pendingTimeout))
				tl.mu.Unlock()
				return
			}
		case <-tl.started:
			return
		case <-ctx.Done():
			return
		}
	}
}

// readLostNodes returns when a lost node was first seen not Ready (zero
// while every one still is) and whether it carries the NoExecute taint
// of an unreachable or not-ready node.
func (d *deployment) readLostNodes(ctx context.Context, lost []lostNode) (time.Time, bool) {
	for _, n := range lost {
		node, err := d.c.Client.CoreV1().Nodes().Get(ctx, n.name, metav1.GetOptions{})
		at := time.Now()
		if err != nil {
			continue
		}
		if !ready(*node) {
			return at, hasTaint(*node, corev1.TaintNodeUnreachable) || hasTaint(*node, corev1.TaintNodeNotReady)
		}
	}
	return time.Time{}, false
}

func hasTaint(n corev1.Node, key string) bool {
	for _, t := range n.Spec.Taints {
		if t.Key == key && t.Effect == corev1.TaintEffectNoExecute {
			return true
		}
	}
	return false
}

// recoveryAction takes the failover's path: the old pod force-deleted,
// the lost nodes tainted out-of-service, or their Node objects deleted.
func (d *deployment) recoveryAction(ctx context.Context, tl *timeline, fo subject.Failover, lost []lostNode) error {
	tl.mu.Lock()
	uid := tl.oldUID
	tl.mu.Unlock()
	// The action is timed when it is sent: the watch may report its
	// effect (the pod gone) before the call returns.
	sent := time.Now()
	var err error
	switch fo.Recovery {
	case subject.RecoveryForceDelete:
		err = ignoreNotFound(d.deletePod(ctx, uid, new(int64)))
	case subject.RecoveryOutOfService:
		for _, n := range lost {
			err = errors.Join(err, d.taintOutOfService(ctx, n.name))
		}
	case subject.RecoveryDeleteNode:
		for _, n := range lost {
			err = errors.Join(err, ignoreNotFound(d.c.Client.CoreV1().Nodes().Delete(ctx, n.name, metav1.DeleteOptions{})))
		}
	default:
		err = fmt.Errorf("unknown recovery path %q", fo.Recovery)
	}
	tl.mu.Lock()
	tl.step(stepRecoveryAction, sent, nil)
	tl.mu.Unlock()
	return err
}

// taintOutOfService adds the out-of-service taint and registers its
// removal, which must come before the node is back in service.
func (d *deployment) taintOutOfService(ctx context.Context, node string) error {
	nodes := d.c.Client.CoreV1().Nodes()
	n, err := nodes.Get(ctx, node, metav1.GetOptions{})
	if err != nil {
		return fmt.Errorf("read node %s: %w", node, err)
	}
	if hasTaint(*n, outOfServiceTaint) {
		return nil
	}
	d.restoreLater("out-of-service taint of node "+node, func(ctx context.Context) error {
		return d.untaint(ctx, node)
	})
	taints := append(n.Spec.Taints, corev1.Taint{Key: outOfServiceTaint, Value: "nodeshutdown", Effect: corev1.TaintEffectNoExecute})
	return d.patchTaints(ctx, node, taints)
}

// untaint removes the out-of-service taint, if the node still has it.
func (d *deployment) untaint(ctx context.Context, node string) error {
	n, err := d.c.Client.CoreV1().Nodes().Get(ctx, node, metav1.GetOptions{})
	if err != nil {
		return ignoreNotFound(err)
	}
	var keep []corev1.Taint
	for _, t := range n.Spec.Taints {
		if t.Key != outOfServiceTaint {
			keep = append(keep, t)
		}
	}
	if len(keep) == len(n.Spec.Taints) {
		return nil
	}
	return d.patchTaints(ctx, node, keep)
}

func (d *deployment) patchTaints(ctx context.Context, node string, taints []corev1.Taint) error {
	patch, err := taintPatch(taints)
	if err != nil {
		return err
	}
	if _, err := d.c.Client.CoreV1().Nodes().Patch(ctx, node, types.MergePatchType, patch, metav1.PatchOptions{}); err != nil {
		return fmt.Errorf("set the taints of node %s: %w", node, err)
	}
	return nil
}
