package kube

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	corev1 "k8s.io/api/core/v1"

	"github.com/jsbench/jsbench/bench/plan/subject"
)

// podSettings are the scenario's pod fields as Kubernetes types.
type podSettings struct {
	resources    *corev1.ResourceRequirements
	nodeSelector map[string]string
	tolerations  []corev1.Toleration
	affinity     *corev1.Affinity
	pullPolicy   corev1.PullPolicy
}

// decodePodSettings decodes the scenario's kubernetes block strictly: an
// unknown or misspelt field is an error naming it, as kubectl's
// validation would.
func decodePodSettings(k subject.Kubernetes) (podSettings, error) {
	s := podSettings{pullPolicy: corev1.PullPolicy(k.ImagePullPolicy)}
	var errs []error
	if k.Resources != nil {
		s.resources = new(corev1.ResourceRequirements)
		errs = append(errs, decodeStrict("kubernetes.resources", k.Resources, s.resources))
	}
	if k.NodeSelector != nil {
		errs = append(errs, decodeStrict("kubernetes.node_selector", k.NodeSelector, &s.nodeSelector))
	}
	if k.Tolerations != nil {
		errs = append(errs, decodeStrict("kubernetes.tolerations", k.Tolerations, &s.tolerations))
	}
	if k.Affinity != nil {
		s.affinity = new(corev1.Affinity)
		errs = append(errs, decodeStrict("kubernetes.affinity", k.Affinity, s.affinity))
	}
	if err := errors.Join(errs...); err != nil {
		if k.Line > 0 {
			return s, fmt.Errorf("kubernetes block at line %d: %w", k.Line, err)
		}
		return s, err
	}
	return s, nil
}

// CheckSettings reports the problems of a scenario's kubernetes block
// that only the Kubernetes types can find, before anything runs.
func CheckSettings(k subject.Kubernetes) error {
	_, err := decodePodSettings(k)
	return err
}

func decodeStrict(field string, in, out any) error {
	data, err := json.Marshal(in)
	if err != nil {
		return fmt.Errorf("%s: %w", field, err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(out); err != nil {
		return fmt.Errorf("%s: %w (write it as Kubernetes spells the pod's field)", field, err)
	}
	return nil
}
