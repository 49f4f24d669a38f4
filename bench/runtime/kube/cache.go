package kube

import (
	corev1 "k8s.io/api/core/v1"

	"github.com/jsbench/jsbench/bench/plan/subject"
)

// cacheVolume names the pod's emptyDir of the WebrootCache layout.
const cacheVolume = "jenkins-cache"

// withCache gives the controller of a launch that asks for the
// WebrootCache layout what the official Helm chart gives Jenkins: an
// emptyDir mounted at /var/jenkins_cache, on the node's disk, created
// empty for every pod, so that every replacement extracts the WAR again
// there and reads the web application's jars from there rather than
// from the home's volume. The pod's fsGroup makes it the controller's.
func withCache(spec *corev1.PodSpec, l subject.Launch) {
	if l.Cache == nil {
		return
	}
	spec.Volumes = append(spec.Volumes, corev1.Volume{Name: cacheVolume,
		VolumeSource: corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{}}})
	ctr := &spec.Containers[0]
	ctr.VolumeMounts = append(ctr.VolumeMounts, corev1.VolumeMount{Name: cacheVolume, MountPath: subject.ContainerCache})
}
