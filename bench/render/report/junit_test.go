package report

import (
	"bytes"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jsbench/jsbench/bench/analyze/compare"
	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/internal/testenv"
)

// junitCases renders m and reads the testcases back.
func junitCases(t *testing.T, m Model) ([]byte, junitSuites) {
	t.Helper()
	var buf bytes.Buffer
	if err := JUnit(&buf, m); err != nil {
		t.Fatal(err)
	}
	var doc junitSuites
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("read back junit: %v\n%s", err, buf.String())
	}
	return buf.Bytes(), doc
}

func TestJUnitStructure(t *testing.T) {
	base, cur := load(t, "baseline.jsonl"), load(t, "new.jsonl")
	tests := []struct {
		name                   string
		model                  Model
		cases, failures, errs  int
		failureMessageContains string
	}{
		{"compare", Build(cur, base, compare.Options{}), 8, 4, 0, "small/nfs/ready: median +26.5%"},
		{"results", Build(cur, nil, compare.Options{}), 8, 4, 0, "1 of 8 runs did not finish"},
		{"unusable", Build(cur[:9], base, compare.Options{}), 5, 0, 1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, doc := junitCases(t, tt.model)
			s := doc.Suites[0]
			if s.Name == "" || s.Tests != len(s.Cases) || s.Tests != tt.cases || s.Failures != tt.failures || s.Errors != tt.errs {
				t.Fatalf("suite %q: tests %d (cases %d), failures %d, errors %d; want %d, %d, %d",
					s.Name, s.Tests, len(s.Cases), s.Failures, s.Errors, tt.cases, tt.failures, tt.errs)
			}
			var messages []string
			for _, c := range s.Cases {
				if c.Name == "" || c.Classname == "" {
					t.Errorf("testcase without name or classname: %+v", c)
				}
				if c.Failure != nil {
					messages = append(messages, c.Failure.Message)
				}
			}
			if !strings.Contains(strings.Join(messages, "\n"), tt.failureMessageContains) {
				t.Errorf("failure messages %q lack %q", messages, tt.failureMessageContains)
			}
		})
	}
}

// TestJUnitSchema validates the output with xmllint against
// testdata/junit.xsd, the shape Jenkins' junit step reads.
func TestJUnitSchema(t *testing.T) {
	xmllint, err := exec.LookPath("xmllint")
	testenv.Require(t, err == nil, "xmllint (apt-get install libxml2-utils)")
	base, cur := load(t, "baseline.jsonl"), load(t, "new.jsonl")
	broken := append([]results.Record{}, cur...)
	broken[3].Volume.Name = "a <volume> & \"quotes\""
	for name, m := range map[string]Model{
		"compare":  Build(cur, base, compare.Options{}),
		"results":  Build(cur, nil, compare.Options{}),
		"unusable": Build(broken, base, compare.Options{}),
	} {
		out, _ := junitCases(t, m)
		file := filepath.Join(t.TempDir(), name+".xml")
		if err := os.WriteFile(file, out, 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(xmllint, "--noout", "--schema", filepath.Join("testdata", "junit.xsd"), file)
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("%s: xmllint: %v\n%s", name, err, msg)
		}
	}
}
