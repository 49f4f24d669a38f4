package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/jsbench/jsbench/bench/compare"
	"github.com/jsbench/jsbench/bench/results"
)

func tableRecords(subj results.Subject, volumes ...string) []results.Record {
	var recs []results.Record
	for i, v := range volumes {
		for it := 1; it <= 3; it++ {
			ready := float64(1000 * (i + 1) * it)
			recs = append(recs, results.Record{Schema: results.SchemaV1, Scenario: "s", Subject: subj,
				Volume: results.Volume{Name: v}, Iteration: it, Status: results.StatusOK, ReadyMS: ready,
				Phases: []results.Phase{{Name: "war_extraction", DurationMS: ready / 2}}})
		}
	}
	return recs
}

func TestTableNamesTheSubjectAndPutsVolumesSideBySide(t *testing.T) {
	for _, tt := range []struct {
		name      string
		subj      results.Subject
		simulated bool
	}{
		{"simulated controller", results.Subject{Kind: "sim", Simulated: true, Name: "jenkins-sim", Runtime: "container"}, true},
		{"Jenkins image", results.Subject{Kind: "image", Name: "jenkins/jenkins:lts-jdk17", Runtime: "container", JenkinsVersion: "2.541.3"}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			m := Build(tableRecords(tt.subj, "local", "nfs"), nil, compare.Options{})
			if err := Table(&out, m); err != nil {
				t.Fatal(err)
			}
			text := out.String()
			if !strings.Contains(text, "subject: "+tt.subj.Name) {
				t.Errorf("title does not name the subject %q:\n%s", tt.subj.Name, text)
			}
			if strings.Contains(text, "SIMULATED CONTROLLER") != tt.simulated {
				t.Errorf("simulated warning shown = %v, want %v:\n%s", !tt.simulated, tt.simulated, text)
			}
			// local: ready 1, 2, 3 s; nfs: 2, 4, 6 s.
			for _, want := range []string{"local", "nfs", "2.00 (1.00–3.00)", "4.00 (2.00–6.00)", "3 / 0"} {
				if !strings.Contains(text, want) {
					t.Errorf("table lacks %q:\n%s", want, text)
				}
			}
		})
	}
}
