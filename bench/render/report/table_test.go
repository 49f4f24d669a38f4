package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/jsbench/jsbench/bench/analyze/compare"
	"github.com/jsbench/jsbench/bench/record/results"
)

func tableRecords(subj results.Subject, volumes ...string) []results.Record {
	var recs []results.Record
	for i, v := range volumes {
		// Six runs each: enough for a 95 % interval of each median
		// ([X(1), X(6)]) and of the paired ratio, which are apart.
		for it := 1; it <= 6; it++ {
			ready := float64(2000*(i+1) + it)
			recs = append(recs, results.Record{Schema: results.SchemaV1, Scenario: "s", Subject: subj,
				Volume: results.Volume{Name: v}, Iteration: it, Status: results.StatusOK, ReadyMS: ready,
				Phases: []results.Phase{{Name: "war_extraction", DurationMS: ready / 2}}})
		}
	}
	return recs
}

func TestTableNamesTheSubjectAndPutsVolumesInRows(t *testing.T) {
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
			// local: ready 2.001 … 2.006 s; nfs: 4.001 … 4.006 s, twice
			// local's median (4003.5 / 2003.5 = 1.998); war extraction
			// half of each: medians 1.00 and 2.00.
			for _, want := range []string{"│ local ★ │ 2.00    │ 1.00×", "│ nfs     │ 4.00    │ 2.00×", "6/6",
				"│ war extraction │ 1.00  │ 2.00 │", "Recommended for JENKINS_HOME: local"} {
				if !strings.Contains(text, want) {
					t.Errorf("table lacks %q:\n%s", want, text)
				}
			}
		})
	}
}

// sixVolumes is the storage matrix of `make bench` with long figures: a
// restored snapshot, a ceiling, minutes on an overloaded NFS, and an RTO.
func sixVolumes() []results.Record {
	subj := results.Subject{Kind: "sim", Simulated: true, Runtime: "container",
		Name: "jenkins-sim (simulated controller, calibrated from 01-docker-logs-2.426.2-setup-wizard.log) jsbench/jenkins-sim:5e6f03d2d0ec"}
	vols := []struct {
		name, kind     string
		ready, restore float64
	}{
		{"local", "local", 71_300, 0}, {"tmpfs", "tmpfs", 69_800, 0}, {"nfs-lan", "emulated", 88_100, 0},
		{"efs", "emulated", 112_400, 0}, {"nfs-overloaded", "emulated", 712_900, 0}, {"restored-s3", "snapshot", 71_900, 25_400},
	}
	var recs []results.Record
	for _, v := range vols {
		for it := 1; it <= 6; it++ {
			ready := v.ready * (1 + float64(it)/100)
			r := results.Record{Schema: results.Schema, Scenario: "storage-matrix", Subject: subj, Iteration: it,
				Volume: results.Volume{Name: v.name, Kind: v.kind}, Status: results.StatusOK, ReadyMS: ready, RTOMS: 300_000,
				Phases: []results.Phase{{Name: "entrypoint", DurationMS: 800}, {Name: "configuration_for_all_jobs_updated", DurationMS: ready / 20},
					{Name: "war_extraction", DurationMS: ready / 3}}}
			if v.restore > 0 {
				r.RestoreMS, r.RecoveryMS = v.restore, v.restore+ready
			}
			recs = append(recs, r)
		}
	}
	return recs
}

// TestTableFits100Columns: every line of the terminal output for six
// storages fits a 100-column terminal.
func TestTableFits100Columns(t *testing.T) {
	var out bytes.Buffer
	if err := Table(&out, Build(sixVolumes(), nil, compare.Options{})); err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(out.String(), "\n") {
		if n := utf8.RuneCountInString(line); n > tableWidth {
			t.Errorf("line %d is %d columns wide:\n%s", i+1, n, line)
		}
	}
	if t.Failed() {
		t.Log("\n" + out.String())
	}
}

// TestCeilingIsNeverRecommended: tmpfs is the fastest but only a ceiling;
// local, the fastest durable option, is recommended, and the others are
// measured against it: nfs-overloaded's median 712.9 s × 1.035 (runs at
// +1 % … +6 %, median of six between +3 % and +4 %) over local's 71.3 s ×
// 1.035 is 10.0×.
func TestCeilingIsNeverRecommended(t *testing.T) {
	m := Build(sixVolumes(), nil, compare.Options{})
	r := m.Recommendations[0]
	best, ok := r.Recommended()
	if !ok || best.Volume != "local" {
		t.Fatalf("recommended %+v, want local", best)
	}
	for _, o := range r.Options {
		if o.Volume == "tmpfs" && (!o.Ceiling || o.VsBest >= 1) {
			t.Errorf("tmpfs %+v: want a ceiling faster than local", o)
		}
		if o.Volume == "nfs-overloaded" && fmt.Sprintf("%.1f", o.VsBest) != "10.0" {
			t.Errorf("nfs-overloaded %.3f× local, want 10.0×", o.VsBest)
		}
	}
	text := strings.Join(r.Lines(), "\n")
	for _, want := range []string{"Recommended for JENKINS_HOME: local", "Ceiling, not a place for JENKINS_HOME", "tmpfs"} {
		if !strings.Contains(text, want) {
			t.Errorf("recommendation lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Recommended for JENKINS_HOME: tmpfs") {
		t.Errorf("tmpfs recommended:\n%s", text)
	}
}

// TestRestoreInsideReadyOnKubernetes: a volume restored by an init
// container has its restore as a phase of the ready time; the table shows
// it as the restore, and the recovery is the ready time itself.
func TestRestoreInsideReadyOnKubernetes(t *testing.T) {
	subj := results.Subject{Kind: "sim", Simulated: true, Runtime: "kubernetes", Name: "jenkins-sim"}
	var recs []results.Record
	for _, v := range []string{"hostpath", "restored-s3"} {
		for it := 1; it <= 6; it++ {
			r := results.Record{Schema: results.Schema, Scenario: "k8s", Subject: subj, Iteration: it,
				Volume: results.Volume{Name: v, Kind: "local"}, Status: results.StatusOK, ReadyMS: 3000,
				Phases: []results.Phase{{Name: "war_extraction", DurationMS: 500}}}
			if v == "restored-s3" {
				r.Volume.Kind, r.ReadyMS = "snapshot", 5000
				r.Phases = append(r.Phases, results.Phase{Name: results.PhaseInitRestore, DurationMS: 2000})
			}
			recs = append(recs, r)
		}
	}
	var out bytes.Buffer
	if err := Table(&out, Build(recs, nil, compare.Options{})); err != nil {
		t.Fatal(err)
	}
	if want := "│ restored-s3 │ 5.00    │ 1.67×   │ 2.00      │ 5.00       │"; !strings.Contains(out.String(), want) {
		t.Errorf("table lacks %q:\n%s", want, out.String())
	}
}
