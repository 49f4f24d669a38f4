package kube

import (
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"

	"github.com/jsbench/jsbench/bench/plan/subject"
	"github.com/jsbench/jsbench/bench/storage/homemount"
)

func testLaunch() subject.Launch {
	return subject.Launch{Kind: subject.KindSim, Image: "localhost/jsbench/jenkins-sim:abc", Command: []string{"--httpPort=8080"},
		User: "1000:1000", HTTPPort: 8080, CPUs: 1.5, MemoryBytes: 1 << 30, Env: map[string]string{"B": "2", "A": "1"},
		Labels: map[string]string{"jsbench.suite": "20240101-000000-abcdef", "jsbench.scenario": "local", "jsbench.volume": "local"}}
}

func TestPlanOfAHostDirectory(t *testing.T) {
	l := testLaunch()
	l.HomeDir = "/tmp/jsbench-work/s/home-1"
	p, err := buildPlan(l, planInput{name: "jsb-local-000001", namespace: "jsbench", node: "vm", getenv: func(string) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	pv := p.pv
	if pv == nil || pv.Spec.HostPath.Path != l.HomeDir || pv.Spec.ClaimRef.Name != p.name ||
		pv.Spec.NodeAffinity.Required.NodeSelectorTerms[0].MatchExpressions[0].Values[0] != "vm" {
		t.Fatalf("hostPath volume %+v: want the home, pre-bound to the claim, on node vm", pv)
	}
	if p.claim.Spec.VolumeName != p.name || *p.claim.Spec.StorageClassName != "" {
		t.Errorf("claim %+v: want it bound to the run's volume, with no StorageClass", p.claim.Spec)
	}
	pod := p.sts.Spec.Template.Spec
	c := pod.Containers[0]
	if *p.sts.Spec.Replicas != 1 || c.Image != l.Image || c.ImagePullPolicy != corev1.PullNever || c.Args[0] != "--httpPort=8080" {
		t.Errorf("controller container %+v", c)
	}
	if c.Env[0].Name != "A" || c.Resources.Limits.Cpu().MilliValue() != 1500 || c.Resources.Requests.Memory().Value() != 1<<30 {
		t.Errorf("env %v or resources %v: want sorted env, requests equal to the limits", c.Env, c.Resources)
	}
	if *pod.SecurityContext.RunAsUser != 1000 || *pod.SecurityContext.FSGroup != 1000 || *pod.AutomountServiceAccountToken {
		t.Errorf("pod security %+v", pod.SecurityContext)
	}
	for _, labels := range []map[string]string{p.pv.Labels, p.claim.Labels, p.sts.Labels, p.sts.Spec.Template.Labels} {
		if labels["jsbench.managed"] != "true" || labels[LabelRun] != p.name || labels["jsbench.pid"] == "" {
			t.Errorf("labels %v: want the owner's and the run's", labels)
		}
	}
}

func TestPlanRefusesAHostDirectoryOffTheCluster(t *testing.T) {
	l := testLaunch()
	l.HomeDir = "/tmp/home"
	_, err := buildPlan(l, planInput{name: "jsb-x", namespace: "ns", getenv: func(string) string { return "" }})
	if err == nil || !strings.Contains(err.Error(), "use kind pvc") {
		t.Fatalf("plan of a host directory with no local node: %v", err)
	}
}

func TestPlanOfAClaimRestoredFromS3(t *testing.T) {
	l := testLaunch()
	l.Claim = &homemount.Claim{StorageClass: "gp3", Size: "20Gi", AccessMode: "ReadWriteOnce", SnapshotName: "nightly"}
	l.Restore = &homemount.Restore{Source: "s3://backups/home.tar.zst", UID: 1000, GID: 1000}
	env := map[string]string{"AWS_ENDPOINT_URL_S3": "http://127.0.0.1:9000", "AWS_ACCESS_KEY_ID": "id", "AWS_SECRET_ACCESS_KEY": "secret"}
	p, err := buildPlan(l, planInput{name: "jsb-gp3-000001", namespace: "jsbench", restoreImage: "registry/restore:1",
		getenv: func(k string) string { return env[k] }})
	if err != nil {
		t.Fatal(err)
	}
	if p.pv != nil || *p.claim.Spec.StorageClassName != "gp3" || p.claim.Spec.Resources.Requests.Storage().String() != "20Gi" ||
		p.claim.Spec.DataSource.Name != "nightly" {
		t.Errorf("claim %+v: want gp3, 20Gi, from the snapshot, and no hostPath volume", p.claim.Spec)
	}
	init := p.sts.Spec.Template.Spec.InitContainers[0]
	if init.Image != "registry/restore:1" || init.ImagePullPolicy != corev1.PullIfNotPresent || init.Args[len(init.Args)-2] != l.Restore.Source {
		t.Errorf("restore container %+v", init)
	}
	vars := map[string]corev1.EnvVar{}
	for _, e := range init.Env {
		vars[e.Name] = e
	}
	if vars["AWS_ENDPOINT_URL_S3"].Value != "http://$(JSBENCH_HOST_IP):9000" || vars[hostIPVar].ValueFrom.FieldRef.FieldPath != "status.hostIP" {
		t.Errorf("endpoint %+v: want the loopback endpoint reached at the node's address", vars["AWS_ENDPOINT_URL_S3"])
	}
	if ref := vars["AWS_SECRET_ACCESS_KEY"].ValueFrom; ref == nil || ref.SecretKeyRef.Name != p.name || p.secret.StringData["AWS_SECRET_ACCESS_KEY"] != "secret" {
		t.Errorf("credentials must come from the run's Secret: %+v", vars["AWS_SECRET_ACCESS_KEY"])
	}
}

func TestPlanOfAFileSource(t *testing.T) {
	l := testLaunch()
	l.HomeDir = "/tmp/home"
	l.Restore = &homemount.Restore{Source: "/backups/jenkins/home.tar.gz"}
	p, err := buildPlan(l, planInput{name: "jsb-x", namespace: "ns", node: "vm", getenv: func(string) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	spec := p.sts.Spec.Template.Spec
	if spec.Volumes[1].HostPath.Path != "/backups/jenkins" || spec.InitContainers[0].VolumeMounts[1].MountPath != "/backups/jenkins" ||
		!spec.InitContainers[0].VolumeMounts[1].ReadOnly || p.secret != nil {
		t.Errorf("file source: volumes %+v, mounts %+v", spec.Volumes, spec.InitContainers[0].VolumeMounts)
	}
}

func TestNodeReachable(t *testing.T) {
	for in, want := range map[string]string{
		"http://127.0.0.1:9000":          "http://$(JSBENCH_HOST_IP):9000",
		"http://localhost/backups/h.tgz": "http://$(JSBENCH_HOST_IP)/backups/h.tgz",
		"https://[::1]:8443/x":           "https://$(JSBENCH_HOST_IP):8443/x",
		"https://s3.amazonaws.com":       "https://s3.amazonaws.com",
		"s3://bucket/key":                "s3://bucket/key",
		"/backups/home.tar":              "/backups/home.tar",
	} {
		if got := nodeReachable(in); got != want {
			t.Errorf("nodeReachable(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseLine(t *testing.T) {
	l := parseLine("2024-01-24T10:16:43.271828182Z Running from: /usr/share/jenkins/jenkins.war\r", time.Second)
	if l.Text != "Running from: /usr/share/jenkins/jenkins.war" || l.Received.Nanosecond() != 271828182 || l.Received.Second() != 42 {
		t.Errorf("parsed %+v: want the text, the node's nanosecond stamp less the offset", l)
	}
	if l := parseLine("no stamp here", 0); l.Text != "no stamp here" || !l.Received.IsZero() {
		t.Errorf("parsed %+v: want the text kept and no time", l)
	}
}

func TestDecodePodSettings(t *testing.T) {
	s, err := decodePodSettings(subject.Kubernetes{
		Resources:    map[string]any{"limits": map[string]any{"memory": "2Gi"}},
		NodeSelector: map[string]any{"kubernetes.io/os": "linux"},
		Tolerations:  []any{map[string]any{"key": "dedicated", "operator": "Equal", "value": "jenkins", "effect": "NoSchedule"}},
	})
	if err != nil || s.resources.Limits.Memory().String() != "2Gi" || s.tolerations[0].Effect != corev1.TaintEffectNoSchedule || s.nodeSelector["kubernetes.io/os"] != "linux" {
		t.Fatalf("decoded %+v, %v", s, err)
	}
	_, err = decodePodSettings(subject.Kubernetes{Line: 12, Tolerations: []any{map[string]any{"keys": "x"}},
		Affinity: map[string]any{"nodeAfinity": map[string]any{}}})
	for _, want := range []string{"line 12", "kubernetes.tolerations", `"keys"`, "kubernetes.affinity", `"nodeAfinity"`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("misspelt fields: %v; want %s named", err, want)
		}
	}
}

func TestRunName(t *testing.T) {
	for _, volume := range []string{"local", "restored-s3", "Emulated_NFS.lan", strings.Repeat("x", 80), ""} {
		name := runName(volume)
		if len(name) > 40 || !strings.HasPrefix(name, namePrefix) || strings.ContainsAny(name, "_.") || strings.ToLower(name) != name {
			t.Errorf("runName(%q) = %q: want a short DNS label starting with %s", volume, name, namePrefix)
		}
	}
	if v := labelValue(strings.Repeat("a", 70) + "/-"); len(v) > 63 {
		t.Errorf("labelValue is %d characters", len(v))
	}
}
