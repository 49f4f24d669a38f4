package scenario

import (
	"reflect"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/jsbench/jsbench/bench/storage/volume"
)

// TestVolumeProblemPosition feeds problems such as a kind with nested
// options would report, since local and tmpfs have none.
func TestVolumeProblemPosition(t *testing.T) {
	const entry = `name: shared
kind: nfs
target:
  kind: efs
  mount: {timeo: 600}
size: small
`
	tests := []struct {
		name    string
		problem volume.Problem
		want    Problem
	}{
		{"nested value", volume.Problem{Field: "target.kind", Value: "efs", Message: "unknown target kind; known kinds: nfs, smb"},
			Problem{"v.yaml", 4, 9, "volumes[2].target.kind", "efs", `unknown target kind "efs"; known kinds: nfs, smb`}},
		{"two levels down", volume.Problem{Field: "target.mount.timeo", Value: "600", Message: "want a duration such as 250us, 2ms or 1m"},
			Problem{"v.yaml", 5, 18, "volumes[2].target.mount.timeo", "600", "want a duration such as 250us, 2ms or 1m, got 600"}},
		{"unknown option at its key", volume.Problem{Field: "target.mount.timeo", Value: "600", Message: "unknown option"},
			Problem{"v.yaml", 5, 11, "volumes[2].target.mount.timeo", "timeo", `unknown option "timeo"`}},
		{"unknown option with a hint", volume.Problem{Field: "size", Value: "small", Message: "unknown option; known options: target"},
			Problem{"v.yaml", 6, 1, "volumes[2].size", "size", `unknown option "size"; known options: target`}},
		{"missing option at its mapping", volume.Problem{Field: "target.server", Message: "missing option; an nfs volume needs a server"},
			Problem{"v.yaml", 4, 3, "volumes[2].target.server", "", "missing option; an nfs volume needs a server"}},
		{"value not found", volume.Problem{Field: "target.kind.x", Value: "1", Message: "want a mapping"},
			Problem{"v.yaml", 4, 9, "volumes[2].target.kind.x", "1", `want a mapping, got "1"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var doc yaml.Node
			if err := yaml.Unmarshal([]byte(entry), &doc); err != nil {
				t.Fatal(err)
			}
			c := &checker{file: "v.yaml"}
			c.volumeProblem(c.mapping(doc.Content[0], "volumes[2]"), tt.problem)
			if !reflect.DeepEqual(c.problems, []Problem{tt.want}) {
				t.Errorf("got  %#v\nwant %#v", c.problems, []Problem{tt.want})
			}
		})
	}
}

func TestOptionValues(t *testing.T) {
	const entry = `{name: v, kind: local, i: 3, big: 9223372036854775807, f: 1.5, b: true, s: x, d: 2024-01-02, n: ~, l: [1, a], m: {k: {z: 0x10}}}`
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(entry), &doc); err != nil {
		t.Fatal(err)
	}
	c := &checker{file: "v.yaml"}
	got, ok := c.options(c.mapping(doc.Content[0], "volumes[0]"))
	want := map[string]any{
		"i": 3, "big": 9223372036854775807, "f": 1.5, "b": true, "s": "x", "d": "2024-01-02", "n": nil,
		"l": []any{1, "a"}, "m": map[string]any{"k": map[string]any{"z": 16}},
	}
	if !ok || len(c.problems) > 0 || !reflect.DeepEqual(got, want) {
		t.Errorf("options = %#v, %v, %v\nwant %#v", got, ok, c.problems, want)
	}
}
