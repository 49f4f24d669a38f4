package process

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/jsbench/jsbench/bench/plan/subject"
	"github.com/jsbench/jsbench/bench/runtime/contract"
)

// TestResolve: a sim launch runs the binary Open found on its war, and
// every launch without a port gets a free one and its flag.
func TestResolve(t *testing.T) {
	r := New(WithSim("/bin/jenkins-sim", "/cache/sim.war"))
	l, err := r.resolve(subject.Launch{Kind: subject.KindSim, SimArgs: []string{"--war-mb=50"}})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"/bin/jenkins-sim", "--war=/cache/sim.war", "--war-mb=50", subject.HTTPPortFlag(l.HTTPPort)}
	if !reflect.DeepEqual(l.Command, want) || l.HTTPPort == 0 {
		t.Errorf("command %q, want %q", l.Command, want)
	}
	war := []string{"java", "-jar", "jenkins.war"}
	l, err = r.resolve(subject.Launch{Kind: subject.KindWar, Command: war})
	if err != nil || !reflect.DeepEqual(l.Command[:3], war) || l.Command[3] != subject.HTTPPortFlag(l.HTTPPort) {
		t.Errorf("war command %q (%v), want %q then its port", l.Command, err, war)
	}
	if _, err := New().resolve(subject.Launch{Kind: subject.KindSim}); err == nil {
		t.Error("a sim launch on a runtime opened without the simulated controller was accepted")
	}
}

// TestOpenNamesTheMissingWarAndJava: a war subject's missing war or java
// stops the session with the remedy, before any run.
func TestOpenNamesTheMissingWarAndJava(t *testing.T) {
	for _, tt := range []struct {
		use  contract.Use
		want string
	}{
		{contract.Use{Scenario: "w", Kind: subject.KindWar, War: "/nonexistent/jenkins.war", Java: "java"}, "get.jenkins.io"},
		{contract.Use{Scenario: "w", Kind: subject.KindWar, War: "/etc/hostname", Java: "no-such-java"}, "install a JDK"},
	} {
		_, err := Open(context.Background(), contract.Env{Uses: []contract.Use{tt.use}})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%+v: %v; want the hint %q", tt.use, err, tt.want)
		}
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
