package scenario

import (
	"strings"
	"testing"
)

// TestCeiling: tmpfs is always a ceiling, another volume when marked so;
// the mark is the scenario's, not the kind's option.
func TestCeiling(t *testing.T) {
	sc, err := Parse("c.yaml", []byte(`version: 1
name: c
subject: {kind: sim}
volumes:
  - {name: local, kind: local}
  - {name: ram, kind: tmpfs}
  - {name: fast-ssd, kind: local, ceiling: true}
  - {name: plain, kind: local, ceiling: false}
`), testRuntimes)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"local": false, "ram": true, "fast-ssd": true, "plain": false}
	for _, v := range sc.Volumes {
		if v.Ceiling != want[v.Name] {
			t.Errorf("%s: ceiling %v, want %v", v.Name, v.Ceiling, want[v.Name])
		}
		if _, ok := v.Config.Params()["ceiling"]; ok {
			t.Errorf("%s: ceiling reached the kind's options", v.Name)
		}
	}
	_, err = Parse("c.yaml", []byte(`version: 1
name: c
subject: {kind: sim}
volumes:
  - {name: local, kind: local, ceiling: "yes"}
`), testRuntimes)
	if err == nil || !strings.Contains(err.Error(), `c.yaml:5:41: volumes[0].ceiling: want true or false, got "yes"`) {
		t.Errorf("a string ceiling: %v", err)
	}
}
