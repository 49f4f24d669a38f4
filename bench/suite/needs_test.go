package suite

import (
	"testing"

	"github.com/jsbench/jsbench/bench/scenario"
	"github.com/jsbench/jsbench/bench/subject"
)

// TestNeedsOf: an image subject naming the official image's stand-in
// needs it built (and the simulated controller it runs); another image
// needs neither.
func TestNeedsOf(t *testing.T) {
	for _, tt := range []struct {
		image string
		want  needs
	}{
		{"jsbench/jenkins-standin", needs{container: true, standIn: true}},
		{"jsbench/jenkins-standin:latest", needs{container: true, standIn: true}},
		{"jenkins/jenkins:lts-jdk17", needs{container: true}},
	} {
		sc := &scenario.Scenario{Subject: scenario.Subject{Kind: subject.KindImage, Runtime: subject.RuntimeContainer, Image: tt.image}}
		if got := needsOf([]*scenario.Scenario{sc}); got != tt.want {
			t.Errorf("%s: needs %+v, want %+v", tt.image, got, tt.want)
		}
	}
}
