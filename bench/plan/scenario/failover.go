package scenario

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/jsbench/jsbench/bench/plan/subject"
)

var (
	failoverFields  = []string{"action", "grace", "recovery", "after", "power_off", "power_on"}
	failoverActions = []string{subject.FailoverDelete, subject.FailoverDrain, subject.FailoverNodeLoss, subject.FailoverZoneLoss}
	recoveryPaths   = []string{subject.RecoveryNone, subject.RecoveryForceDelete, subject.RecoveryOutOfService, subject.RecoveryDeleteNode}
	nodeLossOnly    = []string{"recovery", "after", "power_off", "power_on"}
)

// failovers reads `failover:`, one mapping or a list of them.
func (c *checker) failovers(top *fields, runtime string) []subject.Failover {
	n := top.value("failover")
	if n == nil {
		return nil
	}
	if spec, _ := subject.Spec(c.runtimes, runtime); !spec.Failover {
		c.report(top.entries["failover"].key, "failover", "failover needs %s (a pod of a StatefulSet to lose)",
			c.runtimesWith(func(s subject.RuntimeSpec) bool { return s.Failover }))
	}
	if s := top.value("start"); s != nil && s.Value == StartRestart {
		c.report(top.entries["failover"].key, "failover", "a failover follows a cold start; remove start: restart")
	}
	items := []*yaml.Node{n}
	if n.Kind == yaml.SequenceNode {
		items = n.Content
	}
	var out []subject.Failover
	seen := map[string]bool{}
	for i, item := range items {
		path := "failover"
		if n.Kind == yaml.SequenceNode {
			path = fmt.Sprintf("failover[%d]", i)
		}
		fo, ok := c.failover(item, path)
		if !ok {
			continue
		}
		if seen[fo.Label] {
			c.report(item, path, "the same failover twice (%s)", fo.Label)
			continue
		}
		seen[fo.Label] = true
		out = append(out, fo)
	}
	return out
}

func (c *checker) failover(n *yaml.Node, path string) (subject.Failover, bool) {
	f := c.mapping(n, path)
	if f == nil {
		return subject.Failover{}, false
	}
	c.knownKeys(f, failoverFields)
	c.required(f, "action", "known actions: "+strings.Join(failoverActions, ", "))
	fo := subject.Failover{Action: c.choice(f, "action", "", "failover action", failoverActions)}
	fo.Grace = c.grace(f)
	if fo.Action == "" {
		return fo, false
	}
	if fo.LosesNode() {
		c.nodeLoss(f, &fo)
	} else {
		for _, key := range nodeLossOnly {
			if v := f.value(key); v != nil {
				c.report(f.entries[key].key, f.field(key), "%s is for actions node-loss and zone-loss, not %s", key, fo.Action)
			}
		}
	}
	fo.Label = fo.MakeLabel()
	return fo, true
}

// nodeLoss reads how a node or zone loss is caused and recovered from:
// the commands that cut and restore a node's power, the recovery path
// and its delay.
func (c *checker) nodeLoss(f *fields, fo *subject.Failover) {
	if fo.Grace != nil {
		c.report(f.value("grace"), f.field("grace"), "a lost node runs nothing gracefully: remove grace from a %s", fo.Action)
	}
	c.required(f, "recovery", "how the cluster finds out: "+strings.Join(recoveryPaths, ", "))
	fo.Recovery = c.choice(f, "recovery", "", "recovery path", recoveryPaths)
	fo.After = c.duration(f, "after", 0)
	if fo.Recovery == subject.RecoveryNone && f.value("after") != nil {
		c.report(f.value("after"), f.field("after"), "recovery none takes no action, so no delay: remove after")
	}
	const offHint = `the shell command that cuts a node's power, with the node in $NODE (and $NODE_PROVIDER_ID, $NODE_ZONE): scripts/cluster.sh node-off "$NODE" on the local cluster, your cloud's CLI stopping the instance elsewhere`
	const onHint = `the shell command that brings a node back once the failover is measured, with the node in $NODE: scripts/cluster.sh node-on "$NODE" on the local cluster`
	if c.required(f, "power_off", offHint) {
		fo.PowerOff = c.str(f, "power_off", "")
	}
	if c.required(f, "power_on", onHint) {
		fo.PowerOn = c.str(f, "power_on", "")
	}
}

// movingPodRefused are the volume kinds that are one directory or mount
// on the machine jsbench runs on: a pod that moves to another node cannot
// take them along as their real counterparts would.
var movingPodRefused = map[string]string{
	"emulated": "an emulated volume is one FUSE mount on this machine with one warm client cache, pinned to the node jsbench runs on: it cannot stand for NFS or EFS once the pod moves to another node; use kind: pvc with storage_class nfs-client or efs-sc (the local cluster's ReadWriteMany classes, one emufs client per node, cold on the new node)",
}

// checkFailoverVolumes refuses volumes that cannot be measured faithfully
// by a failover that moves the pod to another node.
func (c *checker) checkFailoverVolumes(top *fields, vols []Volume, fos []subject.Failover) {
	var moving []string
	for _, fo := range fos {
		if fo.MovesPod() {
			moving = append(moving, fo.Label)
		}
	}
	if len(moving) == 0 {
		return
	}
	for i, v := range vols {
		kind := v.Kind
		if v.Config != nil && kind == "snapshot" {
			kind = v.Config.Params()["target.kind"]
		}
		if hint, refused := movingPodRefused[kind]; refused {
			c.report(volumeKindNode(top, i), "volumes.kind", "failover %s moves the pod to another node, and %s", strings.Join(moving, ", "), hint)
		}
	}
}

// survive reads `survive:`, the failure classes the controller must
// come back from, each of which needs a failover of that class.
func (c *checker) survive(top *fields, fos []subject.Failover) []string {
	n := top.value("survive")
	if n == nil {
		return nil
	}
	known := []string{subject.SurvivePod, subject.SurviveNode, subject.SurviveZone}
	if !c.is(n, yaml.SequenceNode, "survive", "a list of failure classes: "+strings.Join(known, ", ")) {
		return nil
	}
	var out []string
	for i, item := range n.Content {
		path := fmt.Sprintf("survive[%d]", i)
		if item.Kind != yaml.ScalarNode || !contains(known, item.Value) {
			c.report(item, path, "want one of %s, got %s", strings.Join(known, ", "), got(item))
			continue
		}
		covered := false
		for _, fo := range fos {
			covered = covered || fo.Survives() == item.Value
		}
		if !covered {
			c.report(item, path, "survive %s needs a failover of that class (%s)", item.Value, survivedBy(item.Value))
			continue
		}
		out = append(out, item.Value)
	}
	return out
}

func survivedBy(class string) string {
	var actions []string
	for _, a := range failoverActions {
		if subject.FailureClass(a) == class {
			actions = append(actions, "action: "+a)
		}
	}
	return strings.Join(actions, " or ")
}

// grace reads the termination grace: whole seconds as a number or a
// duration ("0", 0, "30s").
func (c *checker) grace(f *fields) *time.Duration {
	n := f.value("grace")
	if n == nil {
		return nil
	}
	const want = "a grace period in whole seconds, such as 0 or 30s"
	d, err := time.ParseDuration(n.Value)
	if secs, ierr := strconv.ParseInt(n.Value, 10, 64); ierr == nil {
		d, err = time.Duration(secs)*time.Second, nil
	}
	if n.Kind != yaml.ScalarNode || err != nil || d < 0 || d%time.Second != 0 {
		c.report(n, f.field("grace"), "want %s, got %s", want, got(n))
		return nil
	}
	return &d
}
