package kube

import (
	"context"
	"errors"
	"fmt"
	"strings"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/jsbench/jsbench/bench/lifecycle/owner"
)

// Sweep deletes what killed jsbench processes left in the cluster's
// namespace — StatefulSets (with their pods), claims, Secrets and the
// hostPath PVs it created — and names what it
// removed. Objects of a running jsbench are left alone. A volume that the
// cluster kept after its jsbench claim was deleted (reclaim policy Retain)
// is named in kept, not deleted: its data is not jsbench's to destroy.
// The FUSE mounts behind emulated PVs are swept by bench/storage/emufs.
func Sweep(ctx context.Context, c *Cluster) (removed, kept []string, err error) {
	sel := metav1.ListOptions{LabelSelector: owner.LabelManaged + "=true"}
	var errs []error
	del := func(kind, name string, labels map[string]string, remove func() error) {
		if !owner.Orphaned(labels) {
			return
		}
		if err := remove(); err != nil && !apierrors.IsNotFound(err) {
			errs = append(errs, fmt.Errorf("delete %s %s: %w", kind, name, err))
			return
		}
		removed = append(removed, kind+" "+c.Namespace+"/"+name)
	}
	api, ns := c.Client, c.Namespace
	zero := int64(0)
	now := metav1.DeleteOptions{GracePeriodSeconds: &zero}
	if list, err := api.AppsV1().StatefulSets(ns).List(ctx, sel); err == nil {
		for _, o := range list.Items {
			del("statefulset", o.Name, o.Labels, func() error { return api.AppsV1().StatefulSets(ns).Delete(ctx, o.Name, metav1.DeleteOptions{}) })
		}
	} else {
		errs = append(errs, fmt.Errorf("list statefulsets: %w", err))
	}
	if list, err := api.CoreV1().Pods(ns).List(ctx, sel); err == nil {
		for _, o := range list.Items {
			del("pod", o.Name, o.Labels, func() error { return api.CoreV1().Pods(ns).Delete(ctx, o.Name, now) })
		}
	} else {
		errs = append(errs, fmt.Errorf("list pods: %w", err))
	}
	if list, err := api.CoreV1().PersistentVolumeClaims(ns).List(ctx, sel); err == nil {
		for _, o := range list.Items {
			del("claim", o.Name, o.Labels, func() error {
				return api.CoreV1().PersistentVolumeClaims(ns).Delete(ctx, o.Name, metav1.DeleteOptions{})
			})
		}
	} else {
		errs = append(errs, fmt.Errorf("list claims: %w", err))
	}
	if list, err := api.CoreV1().Secrets(ns).List(ctx, sel); err == nil {
		for _, o := range list.Items {
			del("secret", o.Name, o.Labels, func() error { return api.CoreV1().Secrets(ns).Delete(ctx, o.Name, metav1.DeleteOptions{}) })
		}
	} else {
		errs = append(errs, fmt.Errorf("list secrets: %w", err))
	}
	snapRemoved, snapErr := sweepSnapshots(ctx, c, sel)
	removed, errs = append(removed, snapRemoved...), append(errs, snapErr)
	pvRemoved, pvKept, pvErr := sweepVolumes(ctx, c)
	return append(removed, pvRemoved...), append(kept, pvKept...), errors.Join(append(errs, pvErr)...)
}

// sweepVolumes deletes orphaned hostPath PVs of jsbench and names the
// released volumes the cluster kept for jsbench's claims.
func sweepVolumes(ctx context.Context, c *Cluster) (removed, kept []string, err error) {
	api := c.Client.CoreV1().PersistentVolumes()
	list, err := api.List(ctx, metav1.ListOptions{})
	if err != nil {
		return nil, nil, fmt.Errorf("list persistent volumes: %w", err)
	}
	var errs []error
	for _, pv := range list.Items {
		switch {
		case pv.Labels[owner.LabelManaged] == "true":
			if !owner.Orphaned(pv.Labels) {
				continue
			}
			if err := api.Delete(ctx, pv.Name, metav1.DeleteOptions{}); err != nil && !apierrors.IsNotFound(err) {
				errs = append(errs, fmt.Errorf("delete persistent volume %s: %w", pv.Name, err))
				continue
			}
			removed = append(removed, "persistent volume "+pv.Name)
		case keptForUs(pv, c.Namespace):
			kept = append(kept, fmt.Sprintf("persistent volume %s (reclaim policy %s, was claim %s/%s): delete it with kubectl delete pv %s, and its disk in your storage's console",
				pv.Name, pv.Spec.PersistentVolumeReclaimPolicy, pv.Spec.ClaimRef.Namespace, pv.Spec.ClaimRef.Name, pv.Name))
		}
	}
	return removed, kept, errors.Join(errs...)
}

// keptForUs tells a provisioned volume that outlived a jsbench claim.
func keptForUs(pv corev1.PersistentVolume, ns string) bool {
	ref := pv.Spec.ClaimRef
	return pv.Status.Phase == corev1.VolumeReleased && ref != nil && ref.Namespace == ns && strings.HasPrefix(ref.Name, namePrefix)
}
