package scenario

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/jsbench/jsbench/bench/plan/subject"
)

const kubeScenario = `version: 1
name: k8s
subject: {kind: sim, runtime: kubernetes}
home: {kind: empty}
volumes:
  - {name: gp3, kind: pvc, storage_class: gp3, size: 20Gi}
  - {name: local, kind: local}
kubernetes:
  context: prod
  namespace: jenkins-bench
  pending_timeout: 90s
  resources: {requests: {cpu: "1", memory: 2Gi}}
  node_selector: {kubernetes.io/os: linux}
  tolerations: [{key: dedicated, operator: Equal, value: jenkins, effect: NoSchedule}]
failover:
  - action: delete
  - {action: delete, grace: 0}
  - {action: drain, grace: 30s}
`

func TestParseKubernetes(t *testing.T) {
	sc, err := Parse("k8s.yaml", []byte(kubeScenario), testRuntimes)
	if err != nil {
		t.Fatal(err)
	}
	k := sc.Kubernetes
	if sc.Subject.Runtime != "kubernetes" || k.Context != "prod" || k.Namespace != "jenkins-bench" ||
		k.PendingTimeout != 90*time.Second || k.Line != 9 {
		t.Errorf("kubernetes block %+v", k)
	}
	wantResources := map[string]any{"requests": map[string]any{"cpu": "1", "memory": "2Gi"}}
	if !reflect.DeepEqual(k.Resources, wantResources) || k.NodeSelector["kubernetes.io/os"] != "linux" || len(k.Tolerations) != 1 {
		t.Errorf("pod fields %v %v %v: want them as written", k.Resources, k.NodeSelector, k.Tolerations)
	}
	var labels []string
	for _, f := range sc.Failovers {
		labels = append(labels, f.Label)
	}
	if want := []string{"delete", "delete-grace0s", "drain-grace30s"}; !reflect.DeepEqual(labels, want) {
		t.Errorf("failovers %v, want %v", labels, want)
	}
	if sc.Volumes[0].Config.Params()["storage_class"] != "gp3" {
		t.Errorf("pvc volume params %v", sc.Volumes[0].Config.Params())
	}
}

func TestKubernetesDefaults(t *testing.T) {
	sc, err := Parse("k.yaml", []byte(strings.Replace(valid, "{kind: sim}", "{kind: sim, runtime: kubernetes}", 1)), testRuntimes)
	if err != nil {
		t.Fatal(err)
	}
	if sc.Kubernetes == nil || sc.Kubernetes.PendingTimeout != subject.DefaultPendingTimeout {
		t.Errorf("a kubernetes scenario without the block gets %+v", sc.Kubernetes)
	}
}

func TestKubernetesProblems(t *testing.T) {
	kube := strings.Replace(valid, "{kind: sim}", "{kind: sim, runtime: kubernetes}", 1)
	for _, tc := range []struct {
		name, yaml string
		want       []Problem
	}{
		{"pvc outside a cluster", strings.Replace(valid, "{name: local, kind: local}", "{name: gp3, kind: pvc, storage_class: gp3}", 1), []Problem{
			at(4, 29, "volumes.kind", "pvc", "kind pvc is a PersistentVolumeClaim: it needs subject.runtime: kubernetes")}},
		{"nfs on a cluster", strings.Replace(kube, "{name: local, kind: local}", "{name: n, kind: nfs, server: nas, export: /j}", 1), []Problem{
			at(4, 27, "volumes.kind", "nfs", "kind nfs is a Docker volume, which a pod cannot mount; use kind pvc with an NFS StorageClass")}},
		{"kubernetes block without the runtime", valid + "kubernetes: {namespace: x}\n", []Problem{
			at(5, 1, "kubernetes", "kubernetes", "the kubernetes block needs subject.runtime: kubernetes")}},
		{"failover without a cluster", valid + "failover: {action: delete}\n", []Problem{
			at(5, 1, "failover", "failover", "failover needs subject.runtime: kubernetes (a pod of a StatefulSet to lose)")}},
		{"unknown failover action", kube + "failover: [{action: reboot}]\n", []Problem{
			at(5, 21, "failover[0].action", "reboot", `unknown failover action "reboot"; known actions: delete, drain, node-loss, zone-loss`)}},
		{"node loss without its commands", kube + "failover: {action: node-loss}\n", []Problem{
			at(5, 11, "failover.recovery", "", "missing field; how the cluster finds out: none, force-delete, out-of-service, delete-node"),
			at(5, 11, "failover.power_off", "", `missing field; the shell command that cuts a node's power, with the node in $NODE (and $NODE_PROVIDER_ID, $NODE_ZONE): scripts/cluster.sh node-off "$NODE" on the local cluster, your cloud's CLI stopping the instance elsewhere`),
			at(5, 11, "failover.power_on", "", `missing field; the shell command that brings a node back once the failover is measured, with the node in $NODE: scripts/cluster.sh node-on "$NODE" on the local cluster`)}},
		{"graceful node loss", kube + "failover: {action: node-loss, grace: 30s, recovery: none, power_off: x, power_on: y}\n", []Problem{
			at(5, 38, "failover.grace", "30s", "a lost node runs nothing gracefully: remove grace from a node-loss")}},
		{"recovery of a pod deletion", kube + "failover: {action: delete, recovery: force-delete}\n", []Problem{
			at(5, 28, "failover.recovery", "recovery", "recovery is for actions node-loss and zone-loss, not delete")}},
		{"emulated NFS on a drain", strings.Replace(kube, "{name: local, kind: local}", "{name: n, kind: emulated, profile: nfs-lan}", 1) + "failover: {action: drain}\n", []Problem{
			at(4, 27, "volumes.kind", "emulated", "failover drain moves the pod to another node, and "+movingPodRefused["emulated"])}},
		{"survive without its failover", kube + "failover: {action: delete}\nsurvive: [pod, node]\n", []Problem{
			at(6, 16, "survive[1]", "node", "survive node needs a failover of that class (action: drain or action: node-loss)")}},
		{"fractional grace", kube + "failover: {action: delete, grace: 1.5s}\n", []Problem{
			at(5, 35, "failover.grace", "1.5s", `want a grace period in whole seconds, such as 0 or 30s, got "1.5s"`)}},
		{"failover after a restart", kube + "start: restart\nfailover: {action: delete}\n", []Problem{
			at(6, 1, "failover", "failover", "a failover follows a cold start; remove start: restart")}},
		{"misspelt kubernetes field", kube + "kubernetes: {namespce: x}\n", []Problem{
			at(5, 14, "kubernetes.namespce", "namespce", `unknown field "namespce"; known fields: kubeconfig, context, namespace, pending_timeout, resources, node_selector, tolerations, affinity, image_pull_policy, sim_image, restore_image`)}},
		{"generated home on a pvc", strings.Replace(kube, "{name: local, kind: local}", "{name: gp3, kind: pvc, storage_class: gp3}", 1) + "home: {kind: generated}\n", []Problem{
			at(4, 29, "volumes.kind", "pvc", "a pvc starts empty, and home.kind is generated: jsbench cannot write a home onto a claim before the start; use home: {kind: empty}, or restore the home onto the claim (kind: snapshot, target: {kind: pvc, …})")}},
		{"war on a cluster", strings.Replace(valid, "{kind: sim}", "{kind: war, war: j.war, runtime: kubernetes}", 1), []Problem{
			at(3, 43, "subject.runtime", "kubernetes", "a war subject runs as a process; on Kubernetes run an image (kind: image) or the simulated controller (kind: sim)")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("scenarios/bad.yaml", []byte(tc.yaml), testRuntimes)
			wantExactProblems(t, err, tc.want)
		})
	}
}

// wantExactProblems wants err to hold exactly the problems want.
func wantExactProblems(t *testing.T, err error, want []Problem) {
	t.Helper()
	var perr *Error
	if !errors.As(err, &perr) {
		t.Fatalf("Parse error = %v, want *Error", err)
	}
	if !reflect.DeepEqual(perr.Problems, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", perr, &Error{Problems: want})
	}
}
