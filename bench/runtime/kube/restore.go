package kube

import (
	"net"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/jsbench/jsbench/bench/storage/homemount"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/utils/ptr"
)

const (
	// restoreMount is where the init container sees the home.
	restoreMount = "/restore"
	// hostIPVar holds the node's address in the init container: a
	// loopback address in a source or endpoint is the node's own, which a
	// pod reaches at its host IP.
	hostIPVar = "JSBENCH_HOST_IP"
	// nodeNameVar holds the pod's node in the init container.
	nodeNameVar = "JSBENCH_NODE_NAME"
	// sourceVolume names the hostPath volume holding a file source.
	sourceVolume = "snapshot-source"
)

// s3Secrets are the AWS settings passed to the init container through a
// Secret; s3Plain those passed as plain values (with loopback rewritten).
var (
	s3Secrets = []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"}
	s3Plain   = []string{"AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL", "AWS_REGION", "AWS_DEFAULT_REGION"}
)

// restoreInit is the init container that restores the home from its
// backup before the controller starts, the Secret with the harness's S3
// credentials (nil without any), and the volumes a file source needs.
func restoreInit(r homemount.Restore, in planInput, p plan) (corev1.Container, *corev1.Secret, []corev1.Volume) {
	env := []corev1.EnvVar{{Name: hostIPVar, ValueFrom: &corev1.EnvVarSource{
		FieldRef: &corev1.ObjectFieldSelector{FieldPath: "status.hostIP"},
	}}, {Name: nodeNameVar, ValueFrom: &corev1.EnvVarSource{
		FieldRef: &corev1.ObjectFieldSelector{FieldPath: "spec.nodeName"},
	}}}
	for _, name := range s3Plain {
		if v := in.getenv(name); v != "" {
			env = append(env, corev1.EnvVar{Name: name, Value: nodeReachable(v)})
		}
	}
	var secret *corev1.Secret
	data := map[string]string{}
	for _, name := range s3Secrets {
		if v := in.getenv(name); v != "" {
			data[name] = v
			env = append(env, corev1.EnvVar{Name: name, ValueFrom: &corev1.EnvVarSource{
				SecretKeyRef: &corev1.SecretKeySelector{LocalObjectReference: corev1.LocalObjectReference{Name: p.name}, Key: name},
			}})
		}
	}
	if len(data) > 0 {
		secret = &corev1.Secret{ObjectMeta: p.meta(p.name), StringData: data}
	}
	ctr := corev1.Container{
		Name:  restoreContainer,
		Image: in.restoreImage,
		// The rule of a recovering controller's init container: restore a
		// missing or empty home, keep one that survived on this node
		// (cmd/jsbench-restore's keepRule).
		Args: append(keepArgs(p), "--uid", strconv.Itoa(r.UID), "--gid", strconv.Itoa(r.GID),
			nodeReachable(r.Source), restoreMount),
		Env:             env,
		VolumeMounts:    []corev1.VolumeMount{{Name: homeVolume, MountPath: restoreMount}},
		ImagePullPolicy: pullPolicy(in.restoreImage, ""),
		// Restoring ownership needs root, as chown in any restore job does.
		SecurityContext: &corev1.SecurityContext{RunAsUser: ptr.To(int64(0)), RunAsGroup: ptr.To(int64(0))},
	}
	var vols []corev1.Volume
	if !strings.Contains(r.Source, "://") {
		dir := filepath.Dir(r.Source)
		vols = append(vols, corev1.Volume{Name: sourceVolume, VolumeSource: corev1.VolumeSource{
			HostPath: &corev1.HostPathVolumeSource{Path: dir, Type: ptr.To(corev1.HostPathDirectory)},
		}})
		ctr.VolumeMounts = append(ctr.VolumeMounts, corev1.VolumeMount{Name: sourceVolume, MountPath: dir, ReadOnly: true})
	}
	return ctr, secret, vols
}

// keepArgs are the restore's rule: keep a home that survived, restore a
// missing or empty one; on node-local disk (a hostPath home) also restore
// one that another node left, told by the node it names.
func keepArgs(p plan) []string {
	if p.pv == nil {
		return []string{"--keep-home"}
	}
	return []string{"--keep-home", "--node", "$(" + nodeNameVar + ")"}
}

// nodeReachable rewrites a URL whose host is a loopback address to the
// node's address, $(JSBENCH_HOST_IP), which Kubernetes expands: a server
// the harness reaches on its loopback runs on the node only when the
// harness does, and a pod reaches it there (if it listens beyond
// loopback). Other values are returned as they are.
func nodeReachable(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || !isLoopback(u.Hostname()) {
		return raw
	}
	host := "$(" + hostIPVar + ")"
	if port := u.Port(); port != "" {
		host += ":" + port
	}
	u.Host = host // "$", "(" and ")" are allowed in a host: not escaped
	return u.String()
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
