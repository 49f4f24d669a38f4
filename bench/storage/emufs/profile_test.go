package emufs

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

func TestShippedProfilesAreValid(t *testing.T) {
	want := []string{"ebs-gp2-8gi", "ebs-gp3", "ebs-snapshot-lazy", "efs-bursting-depleted",
		"efs-general-purpose", "nfs-lan", "nfs-overloaded", "none"}
	if got := Names(); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("Names() = %q, want %q", got, want)
	}
	for _, name := range Names() {
		p, err := ByName(name)
		if err != nil {
			t.Fatal(err)
		}
		if err := p.Validate(); err != nil {
			t.Errorf("profile %q: %v", name, err)
		}
	}
}

func TestByNameUnknownListsKnown(t *testing.T) {
	_, err := ByName("nfs-wan")
	if err == nil || !strings.Contains(err.Error(), `"nfs-wan"`) || !strings.Contains(err.Error(), "nfs-lan") {
		t.Errorf("ByName(nfs-wan) error = %v, want it to quote the name and list known ones", err)
	}
}

func TestValidateReportsEveryProblem(t *testing.T) {
	tests := []struct {
		name    string
		profile Profile
		want    []string
	}{
		{"valid", Profile{Name: "ok", Metadata: Latency{ms(1), 0.3}}, nil},
		{"no name", Profile{}, []string{"name: want a name"}},
		{"negative median", Profile{Name: "x", Read: Latency{Median: -1}}, []string{"read.median: -1ns is negative"}},
		{"sigma out of range", Profile{Name: "x", Fsync: Latency{ms(1), 4}}, []string{"fsync.sigma: 4 is outside 0 to 3"}},
		{"unknown write mode", Profile{Name: "x", Writes: "eventually"}, []string{`writes: "eventually" is neither "through" nor "buffered"`}},
		{"burst below baseline", Profile{Name: "x", IOPS: Cap{BaselinePerS: 100, BurstPerS: 50}}, []string{"iops.burst_per_s: 50 is below the baseline 100"}},
		{"credits without baseline", Profile{Name: "x", Throughput: Cap{Credits: 10}}, []string{"throughput.baseline_per_s: want a baseline rate"}},
		{"credits above max", Profile{Name: "x", IOPS: Cap{BaselinePerS: 1, Credits: 10, MaxCredits: 5}}, []string{"iops.credits: 10 exceeds max_credits 5"}},
		{"odd chunk", Profile{Name: "x", Lazy: Lazy{ChunkBytes: 1000}}, []string{"lazy.chunk_bytes: 1000 is not"}},
		{"negative cache", Profile{Name: "x", Cache: Cache{Attr: -1}}, []string{"cache.attr: -1ns is negative"}},
		{"several at once", Profile{Readdir: Latency{Median: -1}, ReaddirBatch: -2},
			[]string{"name: want a name", "readdir.median", "readdir_batch: -2 is negative"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.profile.Validate()
			if tt.want == nil {
				if err != nil {
					t.Errorf("Validate() = %v, want nil", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Validate() = nil, want %q", tt.want)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Validate() = %q, want it to contain %q", err, w)
				}
			}
		})
	}
}

// A profile written by hand in YAML or JSON decodes with durations as
// text.
func TestProfileDecodes(t *testing.T) {
	src := `
name: slow-filer
metadata: {median: 2ms, sigma: 0.5}
namespace: {median: 30ms}
writes: through
throughput: {baseline_per_s: 1048576, burst_per_s: 104857600, credits: 0}
cache: {entry: 30s, attr: 3s, negative: 30s}
`
	var fromYAML Profile
	if err := yaml.Unmarshal([]byte(src), &fromYAML); err != nil {
		t.Fatal(err)
	}
	if fromYAML.Metadata != (Latency{ms(2), 0.5}) || fromYAML.Cache.Attr.D() != 3*time.Second || fromYAML.Throughput.BurstPerS != 100<<20 {
		t.Errorf("decoded %+v", fromYAML)
	}
	if err := fromYAML.Validate(); err != nil {
		t.Error(err)
	}
	data, err := json.Marshal(fromYAML)
	if err != nil {
		t.Fatal(err)
	}
	var fromJSON Profile
	if err := json.Unmarshal(data, &fromJSON); err != nil {
		t.Fatal(err)
	}
	if fromJSON != fromYAML {
		t.Errorf("JSON round trip: %s decoded to %+v, want %+v", data, fromJSON, fromYAML)
	}
}
