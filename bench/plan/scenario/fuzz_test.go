package scenario

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// FuzzParse checks that Parse never panics and returns either a scenario
// that holds its own invariants or an *Error with positioned problems.
// Seeds: the project's scenario files and testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	for _, pattern := range []string{"*.yaml", "examples/*.yaml"} {
		files, _ := filepath.Glob(filepath.Join(scenariosDir, pattern))
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Add([]byte("version: 1\nname: x\nsubject: {kind: sim}\nvolumes: [{name: a, kind: local}]\nhome: {kind: generated, jobs: 100001}\nlimits: {jobs: 100001}\n"))
	f.Add([]byte("version: 1\nname: x\x00\nsubject: {kind: sim}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse("fuzz.yaml", data, testRuntimes)
		if err != nil {
			checkError(t, s, err)
			return
		}
		checkScenario(t, s)
		checkBounds(t, s, data)
	})
}

// checkBounds checks what an accepted scenario may not hold: bytes that
// are not UTF-8 text, or counts above a limit the file did not raise.
func checkBounds(t *testing.T, s *Scenario, data []byte) {
	if !utf8.Valid(data) && !bytes.HasPrefix(data, []byte{0xFE, 0xFF}) && !bytes.HasPrefix(data, []byte{0xFF, 0xFE}) {
		t.Fatalf("accepted a file that is not UTF-8: %q", data)
	}
	if bytes.Contains(data, []byte("limits")) {
		return
	}
	for _, l := range limits {
		if v := l.value(s); v > l.def {
			t.Fatalf("accepted %d %s, above the limit of %d", v, l.unit, l.def)
		}
	}
}

func checkError(t *testing.T, s *Scenario, err error) {
	var perr *Error
	if s != nil || !errors.As(err, &perr) || len(perr.Problems) == 0 {
		t.Fatalf("Parse = %v, %#v; want nil and an *Error with problems", s, err)
	}
	for _, p := range perr.Problems {
		if p.File != "fuzz.yaml" || p.Message == "" || p.Line < 0 || p.Column < 0 {
			t.Fatalf("problem %#v lacks its file or message", p)
		}
	}
}

func checkScenario(t *testing.T, s *Scenario) {
	if s == nil || s.Version != Version || !namePat.MatchString(s.Name) ||
		s.Runs < 1 || s.Warmup < 0 || s.Timeout <= 0 || len(s.Volumes) == 0 ||
		s.Subject.Kind == "" || s.Subject.Runtime == "" || s.Home.Kind == "" || s.Start == "" {
		t.Fatalf("Parse accepted a scenario that breaks its invariants: %+v", s)
	}
	for _, v := range s.Volumes {
		if v.Config == nil || v.Config.Name() != v.Name {
			t.Fatalf("volume %+v is not configured", v)
		}
	}
}
