package kube

import (
	"crypto/rand"
	"encoding/hex"
	"maps"
	"regexp"
	"strings"

	"github.com/jsbench/jsbench/bench/lifecycle/owner"
)

// Labels of jsbench's objects besides those of bench/lifecycle/owner and the
// runner's jsbench.suite, jsbench.scenario and jsbench.volume.
const (
	// LabelRun names the run an object belongs to: its StatefulSet,
	// claim, volume, secret and pods share it.
	LabelRun = "jsbench.run"
	// namePrefix starts every object name, so that a person can tell
	// jsbench's objects apart at a glance.
	namePrefix = "jsb-"
	// controllerContainer and restoreContainer name the pod's containers.
	controllerContainer = "jenkins"
	restoreContainer    = "restore"
	// homeVolume names the pod's volume for JENKINS_HOME.
	homeVolume = "jenkins-home"
)

var notLabelChar = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// runName is a fresh name for a run's objects: "jsb-" plus the volume's
// name, shortened, plus six random hex digits. A StatefulSet's name must
// leave room for the pod's "-0" and the revision hash label: it stays
// under 40 characters.
func runName(volume string) string {
	var b [3]byte
	_, _ = rand.Read(b[:])
	v := strings.Trim(notLabelChar.ReplaceAllString(strings.ToLower(volume), "-"), "-._")
	v = strings.ReplaceAll(strings.ReplaceAll(v, "_", "-"), ".", "-")
	if len(v) > 26 {
		v = strings.TrimRight(v[:26], "-")
	}
	if v == "" {
		v = "home"
	}
	return namePrefix + v + "-" + hex.EncodeToString(b[:])
}

// labelsFor merges the owner's labels, the runner's and the run's name,
// each value made a valid label value (63 characters, alphanumerics at
// both ends).
func labelsFor(runner map[string]string, run string) map[string]string {
	out := owner.Labels()
	for k, v := range runner {
		out[k] = labelValue(v)
	}
	out[LabelRun] = run
	return out
}

func labelValue(v string) string {
	v = notLabelChar.ReplaceAllString(v, "-")
	if len(v) > 63 {
		v = v[:63]
	}
	return strings.Trim(v, "-._")
}

// selectorOf is the label selector of one run's objects.
func selectorOf(run string) string { return LabelRun + "=" + run }

func cloneLabels(m map[string]string) map[string]string { return maps.Clone(m) }
