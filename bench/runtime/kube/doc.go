// Package kube is jsbench's Kubernetes runtime: it starts a controller as
// the pod of a one-replica StatefulSet whose JENKINS_HOME is a
// PersistentVolumeClaim — or a claim restored from a VolumeSnapshot it
// takes of a claim of another class, for a move between classes —
// watches the cluster's steps (snapshot ready, claim bound, pod
// scheduled, volume attachment asked for and attached, restore init
// container, image, container started) on jsbench's clock, streams the controller's log through the
// API server, answers /login through the API server's pod proxy, loses the
// pod on purpose for failover runs — deleted, drained, or its node or
// zone powered off by the scenario's command and recovered by the path
// it names (nodeloss.go), the cluster given back after each (settle.go)
// — and deletes everything it created.
// It implements bench/measure/runner's Runtime, Instance, Platform and Failing.
//
// It is the only package that links client-go, as bench/runtime/container is the
// only one that links Docker. The pure parts — building the objects from
// a launch, turning milestones into phases, classifying a failed start —
// take values and return values and are tested without a cluster; the
// rest is tested against a real cluster (scripts/cluster.sh).
package kube
