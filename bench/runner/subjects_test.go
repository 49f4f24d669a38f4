package runner

import (
	"reflect"
	"strings"
	"testing"

	"github.com/jsbench/jsbench/bench/scenario"
	"github.com/jsbench/jsbench/bench/subject"
)

func TestLaunchOfEachSubject(t *testing.T) {
	s := &Subjects{SimImage: "jsbench/jenkins-sim:abc", SimBinary: "/bin/jenkins-sim", SimWar: "/cache/sim.war"}
	labels := map[string]string{"jsbench.suite": "s1"}
	tests := []struct {
		name    string
		subj    scenario.Subject
		check   func(t *testing.T, l subject.Launch, runtime string)
		runtime string
	}{
		{"official image", scenario.Subject{Kind: "image", Runtime: "container", Image: "jenkins/jenkins:lts-jdk17", JavaOpts: "-Xmx2g",
			Env: map[string]string{"TZ": "UTC"}, CPUs: 2, MemoryBytes: 4 << 30}, func(t *testing.T, l subject.Launch, _ string) {
			want := map[string]string{"TZ": "UTC", "JAVA_OPTS": "-Xmx2g"}
			if l.Image != "jenkins/jenkins:lts-jdk17" || !reflect.DeepEqual(l.Env, want) || l.User != "" ||
				l.HTTPPort != jenkinsPort || l.CPUs != 2 || l.MemoryBytes != 4<<30 || len(l.Command) != 0 {
				t.Errorf("launch %+v: want the image's own user and entrypoint, JAVA_OPTS in env, port 8080, limits", l)
			}
		}, subject.RuntimeContainer},
		{"war", scenario.Subject{Kind: "war", Runtime: "process", War: "/opt/jenkins.war", Java: "/usr/bin/java", JavaOpts: "-Xmx1g -Djenkins.install.runSetupWizard=false"},
			func(t *testing.T, l subject.Launch, _ string) {
				want := []string{"/usr/bin/java", "-Xmx1g", "-Djenkins.install.runSetupWizard=false", "-jar", "/opt/jenkins.war"}
				if !reflect.DeepEqual(l.Command[:5], want) || l.Command[5] != httpPortFlag(l.HTTPPort) || l.HTTPPort == 0 {
					t.Errorf("command %q: want %q then --httpPort on a free port", l.Command, want)
				}
			}, subject.RuntimeProcess},
		{"simulated controller in a container", scenario.Subject{Kind: "sim", Runtime: "container", Sim: map[string]string{"reactor_threads": "4"}},
			func(t *testing.T, l subject.Launch, _ string) {
				want := []string{"--httpPort=8080", "--reactor-threads=4"}
				if l.Image != s.SimImage || l.User != "1000:1000" || !reflect.DeepEqual(l.Command, want) {
					t.Errorf("launch %+v: want the sim image as 1000:1000 with %q", l, want)
				}
			}, subject.RuntimeContainer},
		{"simulated controller as a process", scenario.Subject{Kind: "sim", Runtime: "process"},
			func(t *testing.T, l subject.Launch, _ string) {
				if l.Command[0] != s.SimBinary || l.Command[1] != "--war="+s.SimWar || !strings.HasPrefix(l.Command[2], "--httpPort=") {
					t.Errorf("command %q: want the sim binary with its war and a port", l.Command)
				}
			}, subject.RuntimeProcess},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, rt, err := s.Launch(tt.subj, "/work/home-1", nil, labels)
			if err != nil {
				t.Fatal(err)
			}
			if rt != tt.runtime || l.HomeDir != "/work/home-1" || !reflect.DeepEqual(l.Labels, labels) {
				t.Errorf("runtime %q, home %q, labels %v", rt, l.HomeDir, l.Labels)
			}
			tt.check(t, l, rt)
			if d := s.Describe(tt.subj); d.Simulated != (tt.subj.Kind == "sim") {
				t.Errorf("Describe(%s).Simulated = %v", tt.subj.Kind, d.Simulated)
			}
		})
	}
}

func TestCheckNamesTheMissingWarAndJava(t *testing.T) {
	s := &Subjects{}
	err := s.Check(scenario.Subject{Kind: "war", War: "/nonexistent/jenkins.war", Java: "java"})
	if err == nil || !strings.Contains(err.Error(), "get.jenkins.io") {
		t.Errorf("missing war: %v; want the download hint", err)
	}
	err = s.Check(scenario.Subject{Kind: "war", War: "/etc/hostname", Java: "no-such-java"})
	if err == nil || !strings.Contains(err.Error(), "install a JDK") {
		t.Errorf("missing java: %v; want the install hint", err)
	}
}

func TestFreePort(t *testing.T) {
	port, err := FreePort()
	if err != nil {
		t.Fatal(err)
	}
	if port < 1024 || port > 65535 {
		t.Errorf("FreePort = %d", port)
	}
}

// TestScenarioSimImageIsLaunchedAndNamed: a scenario's
// kubernetes.sim_image is the image launched and the one the record names.
func TestScenarioSimImageIsLaunchedAndNamed(t *testing.T) {
	r := &Runner{Subjects: &Subjects{KubeSimImage: "localhost/jsbench/jenkins-sim:abc"}}
	sc := &scenario.Scenario{Subject: scenario.Subject{Kind: subject.KindSim, Runtime: subject.RuntimeKubernetes},
		Kubernetes: &subject.Kubernetes{SimImage: "registry.example/jenkins-sim:1"}}
	l, _, err := r.subjects(sc).Launch(sc.Subject, "", nil, nil)
	if err != nil || l.Image != "registry.example/jenkins-sim:1" {
		t.Errorf("launched %q (%v), want the scenario's image", l.Image, err)
	}
	if d := r.subjects(sc).Describe(sc.Subject); !strings.Contains(d.Name, "registry.example/jenkins-sim:1") {
		t.Errorf("described as %q, want the scenario's image named", d.Name)
	}
	if r.Subjects.KubeSimImage != "localhost/jsbench/jenkins-sim:abc" {
		t.Errorf("the runner's own image became %q", r.Subjects.KubeSimImage)
	}
}
