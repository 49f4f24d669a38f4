package runner

import (
	"reflect"
	"strings"
	"testing"

	"github.com/jsbench/jsbench/bench/plan/scenario"
	"github.com/jsbench/jsbench/bench/plan/subject"
	"github.com/jsbench/jsbench/bench/runtime/kube"
	"github.com/jsbench/jsbench/bench/runtime/process"
	"github.com/jsbench/jsbench/bench/storage/volume"
)

// TestLaunchOfEachSubject: the launch is plain data any runtime
// completes: an image with its environment and limits, a war's java
// command without a port, the simulated controller's settings as flags.
func TestLaunchOfEachSubject(t *testing.T) {
	labels := map[string]string{"jsbench.suite": "s1"}
	home := volume.Prepared{HostDir: "/work/home-1"}
	tests := []struct {
		name  string
		subj  scenario.Subject
		check func(t *testing.T, l subject.Launch)
	}{
		{"official image", scenario.Subject{Kind: "image", Runtime: "container", Image: "jenkins/jenkins:lts-jdk17", JavaOpts: "-Xmx2g",
			Env: map[string]string{"TZ": "UTC"}, CPUs: 2, MemoryBytes: 4 << 30}, func(t *testing.T, l subject.Launch) {
			want := map[string]string{"TZ": "UTC", "JAVA_OPTS": "-Xmx2g"}
			if l.Image != "jenkins/jenkins:lts-jdk17" || !reflect.DeepEqual(l.Env, want) || l.User != "" ||
				l.HTTPPort != 0 || l.CPUs != 2 || l.MemoryBytes != 4<<30 || len(l.Command) != 0 {
				t.Errorf("launch %+v: want the image's own user and entrypoint, JAVA_OPTS in env, the runtime's port, limits", l)
			}
		}},
		{"war", scenario.Subject{Kind: "war", Runtime: "process", War: "/opt/jenkins.war", Java: "/usr/bin/java", JavaOpts: "-Xmx1g -Djenkins.install.runSetupWizard=false"},
			func(t *testing.T, l subject.Launch) {
				want := []string{"/usr/bin/java", "-Xmx1g", "-Djenkins.install.runSetupWizard=false", "-jar", "/opt/jenkins.war"}
				if !reflect.DeepEqual(l.Command, want) || l.HTTPPort != 0 {
					t.Errorf("command %q: want %q, the port left to the runtime", l.Command, want)
				}
			}},
		{"simulated controller", scenario.Subject{Kind: "sim", Runtime: "container", Sim: map[string]string{"reactor_threads": "4", "war_mb": "50"}},
			func(t *testing.T, l subject.Launch) {
				want := []string{"--reactor-threads=4", "--war-mb=50"}
				if l.Image != "" || len(l.Command) != 0 || !reflect.DeepEqual(l.SimArgs, want) {
					t.Errorf("launch %+v: want only the settings as flags %q", l, want)
				}
				if l.Cache != nil {
					t.Errorf("cache %+v: want none, the war extracted into the home", l.Cache)
				}
			}},
		{"simulated controller with the Helm chart's webroot", scenario.Subject{Kind: "sim", Runtime: "kubernetes", Webroot: subject.WebrootCache},
			func(t *testing.T, l subject.Launch) {
				if l.Cache == nil || len(l.SimArgs) != 0 {
					t.Errorf("launch %+v: want a cache for the runtime to give, no flag of its own", l)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := launch(&scenario.Scenario{Subject: tt.subj}, home, labels)
			if l.HomeDir != "/work/home-1" || !reflect.DeepEqual(l.Labels, labels) || l.Kind != tt.subj.Kind {
				t.Errorf("kind %q, home %q, labels %v", l.Kind, l.HomeDir, l.Labels)
			}
			tt.check(t, l)
		})
	}
}

// TestDescribeNamesWhatTheRuntimeRuns: the record names the simulated
// controller's binary or image as its runtime runs it, and never passes a
// simulated subject for Jenkins.
func TestDescribeNamesWhatTheRuntimeRuns(t *testing.T) {
	sim := &scenario.Scenario{Subject: scenario.Subject{Kind: subject.KindSim, Runtime: process.Name, Calibrate: "logs/start.log"}}
	d := describe(process.New(process.WithSim("/bin/jenkins-sim", "/cache/sim.war")), sim)
	if !d.Simulated || d.Name != "jenkins-sim (simulated controller, calibrated from start.log) /bin/jenkins-sim" || d.CalibratedFrom != "logs/start.log" {
		t.Errorf("process sim described as %+v", d)
	}
	image := &scenario.Scenario{Subject: scenario.Subject{Kind: subject.KindImage, Runtime: "container", Image: "jenkins/jenkins:lts"}}
	if d := describe(nil, image); d.Simulated || d.Name != "jenkins/jenkins:lts" {
		t.Errorf("image described as %+v", d)
	}
	standIn := &scenario.Scenario{Subject: scenario.Subject{Kind: subject.KindImage, Runtime: "container", Image: subject.StandInRepository}}
	if d := describe(nil, standIn); !d.Simulated || !strings.Contains(d.Name, "stand-in") {
		t.Errorf("stand-in described as %+v", d)
	}
}

// TestScenarioSimImageIsLaunchedAndNamed: a scenario's
// kubernetes.sim_image is the image the record names, not the runtime's.
func TestScenarioSimImageIsLaunchedAndNamed(t *testing.T) {
	rt := kube.New("", kube.WithSimImage("localhost/jsbench/jenkins-sim:abc"))
	sc := &scenario.Scenario{Subject: scenario.Subject{Kind: subject.KindSim, Runtime: kube.Name},
		Kubernetes: &subject.Kubernetes{SimImage: "registry.example/jenkins-sim:1"}}
	if d := describe(rt, sc); !strings.Contains(d.Name, "registry.example/jenkins-sim:1") {
		t.Errorf("described as %q, want the scenario's image named", d.Name)
	}
	sc.Kubernetes.SimImage = ""
	if d := describe(rt, sc); !strings.Contains(d.Name, "localhost/jsbench/jenkins-sim:abc") {
		t.Errorf("described as %q, want the runtime's image named", d.Name)
	}
}
