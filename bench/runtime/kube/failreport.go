package kube

import (
	"context"
	"encoding/json"
	"strings"
	"sync"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/bench/storage/snapshot"
)

// clusterFacts is the ConfigMap in which the local cluster
// (scripts/cluster.sh) names its nodes, zones and timers.
const clusterFacts = "jsbench-cluster"

// timerKeys are the entries of clusterFacts that decide a failover's
// figure: how fast a silent node is noticed, its pods evicted and
// collected, its volumes force-detached.
var timerKeys = []string{"timers", "node-monitor-grace-period", "node-monitor-period",
	"default-not-ready-toleration-seconds", "default-unreachable-toleration-seconds",
	"attach-detach-max-wait-for-unmount", "pod-gc", "node-lease-duration-seconds", "node-status-update-frequency"}

// timersOnce reads the cluster's timers once per run.
type timersOnce struct {
	once   sync.Once
	timers map[string]string
}

// clusterTimers are the timers the cluster says it runs with; on a
// cluster without jsbench's ConfigMap, one entry saying so.
func (d *deployment) clusterTimers(ctx context.Context) map[string]string {
	d.timers.once.Do(func() {
		cm, err := d.c.Client.CoreV1().ConfigMaps(d.c.Namespace).Get(ctx, clusterFacts, metav1.GetOptions{})
		if err != nil {
			d.timers.timers = map[string]string{"timers": "unknown: no ConfigMap " + clusterFacts + " in namespace " + d.c.Namespace + " (the local cluster's); the cluster's own settings apply"}
			return
		}
		d.timers.timers = map[string]string{}
		for _, k := range timerKeys {
			if v, ok := cm.Data[k]; ok {
				d.timers.timers[k] = v
			}
		}
	})
	return d.timers.timers
}

// failoverFacts is what the cluster did in a failover: the nodes lost,
// the recovery path, whether it could not recover, whether the restore
// init container restored or kept the home, and the timers in force.
func (d *deployment) failoverFacts(ctx context.Context, v timelineView, facts map[string]string) *results.Failover {
	if !v.failover {
		return nil
	}
	f := &results.Failover{FromNode: v.oldNode, Timers: d.clusterTimers(ctx)}
	if v.loss != nil {
		f.Recovery, f.AfterS = v.loss.recovery, v.loss.after.Seconds()
		f.LostNodes, f.Zone = v.loss.nodes, v.loss.zone
	}
	if v.notRecovered {
		f.Outcome = results.OutcomeNotRecovered
	}
	if _, ok := facts["snapshot_files"]; ok {
		f.Restored = ptrBool(true)
	} else if _, ok := facts["restore_kept"]; ok {
		f.Restored = ptrBool(false)
	}
	return f
}

func ptrBool(b bool) *bool { return &b }

// keptStats reads a restore's statistics line that kept the home: it
// has no archive figures, only why.
func keptStats(line string) (map[string]string, bool) {
	stats, ok := strings.CutPrefix(line, snapshot.StatsLinePrefix)
	if !ok {
		return nil, false
	}
	var s snapshot.Stats
	if json.Unmarshal([]byte(stats), &s) != nil || s.Kept == "" {
		return nil, false
	}
	return map[string]string{"restore_kept": s.Kept}, true
}
