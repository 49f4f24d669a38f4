package jenkinslog

import (
	"fmt"
	"strings"
	"testing"
)

// startWant is what a test expects of one start.
type startWant struct {
	fullyUp   bool
	signature string // "" when no failure
	reason    string // a part of Failure.Reason
	events    int
	warnings  int
}

func TestStartsAndFailures(t *testing.T) {
	tests := []struct {
		name string
		log  []string
		want []startWant
	}{
		{
			name: "entrypoint restart loop",
			log: []string{
				"jenkins_1  | touch: cannot touch '/var/jenkins_home/copy_reference_file.log': Permission denied",
				"jenkins_1  | Can not write to /var/jenkins_home/copy_reference_file.log. Wrong volume permissions?",
				"jenkins_1  | touch: cannot touch '/var/jenkins_home/copy_reference_file.log': Permission denied",
				"jenkins_1  | Can not write to /var/jenkins_home/copy_reference_file.log. Wrong volume permissions?",
			},
			want: []startWant{
				{signature: SignaturePermissionDenied, reason: "Wrong volume permissions?"},
				{signature: SignaturePermissionDenied, reason: "Wrong volume permissions?"},
			},
		},
		{
			name: "stopped before fully up",
			log:  []string{"Running from: x", extractLine, contextLine, startedLine, strings.Replace(upLine, "hudson.lifecycle.Lifecycle#onReady: Jenkins is fully up and running", "hudson.lifecycle.Lifecycle#onStatusUpdate: Jenkins stopped", 1)},
			want: []startWant{{signature: SignatureIncomplete, reason: "Jenkins stopped before fully up", events: 2}},
		},
		{
			name: "systemd gives up",
			log: []string{
				"Mar 02 10:00:00 ci systemd[1]: Starting jenkins.service - Jenkins Continuous Integration Server...",
				"Mar 02 10:00:01 ci jenkins[200]: Running from: /usr/share/java/jenkins.war",
				"Mar 02 10:01:31 ci systemd[1]: jenkins.service: start operation timed out. Terminating.",
				"Mar 02 10:01:31 ci systemd[1]: jenkins.service: Failed with result 'timeout'.",
				"Mar 02 10:01:31 ci systemd[1]: Failed to start jenkins.service - Jenkins Continuous Integration Server.",
			},
			want: []startWant{{signature: SignatureBootFailure, reason: "Failed with result 'timeout'"}},
		},
		{
			name: "json formatter inside json-file",
			log: []string{
				`{"log":"{\"@timestamp\":\"2024-04-19T00:52:09.255Z\",\"level\":\"INFO\",\"message\":\"Beginning extraction from war file\"}\n","stream":"stdout","time":"2024-04-19T00:52:09.256Z"}`,
				`{"log":"{\"@timestamp\":\"2024-04-19T00:52:12.000Z\",\"level\":\"INFO\",\"message\":\"Jenkins is fully up and running\"}\n","stream":"stdout","time":"2024-04-19T00:52:12.001Z"}`,
			},
			want: []startWant{{fullyUp: true, events: 2}},
		},
		{
			name: "two-line header without its message",
			log:  []string{"Running from: x", "Mar 01, 2015 3:04:41 PM winstone.Logger logInternal"},
			want: []startWant{{signature: SignatureIncomplete, reason: ReasonIncomplete, warnings: 0}},
		},
		{
			name: "clock warnings stay bounded",
			log:  clockJumps(20),
			want: []startWant{{signature: SignatureIncomplete, reason: ReasonIncomplete, events: 1, warnings: jumpsReported + 2}}, // + the summary, + "ends during war extraction",
		},
		{
			name: "termination milestones are no events",
			log: []string{
				"Running from: x", extractLine, contextLine,
				"2024-04-19 00:52:13.000+0000 [id=20]\tINFO\tjenkins.model.Jenkins$18#onAttained: Started termination",
				"2024-04-19 00:52:13.100+0000 [id=20]\tINFO\tjenkins.model.Jenkins$18#onAttained: Completed termination",
			},
			want: []startWant{{signature: SignatureIncomplete, reason: ReasonIncomplete, events: 1}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Parse(strings.NewReader(strings.Join(tt.log, "\n")), Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, r)
			if len(r.Starts) != len(tt.want) {
				t.Fatalf("%d starts, want %d: %+v", len(r.Starts), len(tt.want), r.Starts)
			}
			for i, w := range tt.want {
				checkStart(t, i, r.Starts[i], w)
			}
		})
	}
}

func checkStart(t *testing.T, i int, s Start, w startWant) {
	t.Helper()
	if s.FullyUp != w.fullyUp || len(s.Events) != w.events || len(s.Warnings) != w.warnings {
		t.Errorf("start %d: fully up %v, %d events, %d warnings %v; want %v, %d, %d", i, s.FullyUp, len(s.Events), len(s.Warnings), s.Warnings, w.fullyUp, w.events, w.warnings)
	}
	switch {
	case w.signature == "" && s.Failure != nil:
		t.Errorf("start %d: unexpected failure %+v", i, s.Failure)
	case w.signature != "" && (s.Failure == nil || s.Failure.Signature != w.signature || !strings.Contains(s.Failure.Reason, w.reason)):
		t.Errorf("start %d: failure %+v, want %s with %q", i, s.Failure, w.signature, w.reason)
	}
}

// clockJumps is a start whose clock steps back an hour n times.
func clockJumps(n int) []string {
	log := []string{"Running from: x"}
	for i := range n {
		log = append(log, fmt.Sprintf("2024-04-19 %02d:00:00.000+0000 [id=1]\tINFO\tx.Y#z: tick", 23-i))
	}
	return append(log, extractLine)
}
