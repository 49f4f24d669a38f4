package scenario

import (
	"errors"
	"reflect"
	"testing"
	"time"
)

func TestReferenceVolume(t *testing.T) {
	tests := []struct {
		name, volumes, extra, want string
	}{
		{"first local volume by default", `[{name: ram, kind: tmpfs}, {name: disk, kind: local}, {name: disk2, kind: local}]`, "", "disk"},
		{"named", `[{name: disk, kind: local}, {name: ram, kind: tmpfs}]`, "reference: ram\n", "ram"},
		{"no local volume, none named", `[{name: ram, kind: tmpfs}]`, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse("s.yaml", []byte("version: 1\nname: r\nsubject: {kind: sim}\nvolumes: "+tt.volumes+"\n"+tt.extra), testRuntimes)
			if err != nil {
				t.Fatal(err)
			}
			if s.Reference != tt.want {
				t.Errorf("Reference = %q, want %q", s.Reference, tt.want)
			}
		})
	}
}

func TestBudget(t *testing.T) {
	s, err := Parse("s.yaml", []byte(valid+"runs: auto\nbudget: 4m\n"), testRuntimes)
	if err != nil {
		t.Fatal(err)
	}
	want := &Adaptive{MinRuns: DefaultMinRuns, MaxRuns: DefaultMaxRuns, Precision: DefaultPrecision, Budget: 4 * time.Minute}
	if !reflect.DeepEqual(s.Adaptive, want) {
		t.Errorf("Adaptive = %+v, want %+v", s.Adaptive, want)
	}
}

func TestReferenceAndBudgetProblems(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want []Problem
	}{
		{"reference names no volume", valid + "reference: nfs\n", []Problem{
			at(5, 12, "reference", "nfs", `no volume named "nfs"; the scenario's volumes: local`)}},
		{"budget without runs: auto", valid + "runs: 5\nbudget: 4m\n", []Problem{
			at(6, 9, "budget", "4m", "only with runs: auto")}},
		{"budget not a duration", valid + "runs: auto\nbudget: soon\n", []Problem{
			at(6, 9, "budget", "soon", `want a positive duration such as 90s, 10m or 1h30m, got "soon"`)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("scenarios/bad.yaml", []byte(tt.yaml), testRuntimes)
			var perr *Error
			if !errors.As(err, &perr) {
				t.Fatalf("Parse error %v, want problems", err)
			}
			if !reflect.DeepEqual(perr.Problems, tt.want) {
				t.Errorf("problems\n%+v\nwant\n%+v", perr.Problems, tt.want)
			}
		})
	}
}
