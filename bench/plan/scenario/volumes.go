package scenario

import (
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/jsbench/jsbench/bench/storage/volume"
)

// Volume is one configured volume of a scenario.
type Volume struct {
	// Name labels the volume in results; Kind is its volume kind.
	Name, Kind string
	// Config is the volume its kind configured from the entry's options.
	Config volume.Volume
	// Ceiling marks a volume that shows the best case rather than a place
	// for JENKINS_HOME (`ceiling: true`; tmpfs always is one): reports
	// show it as a ceiling and never recommend it.
	Ceiling bool
	// Line and Column are the entry's position in the scenario file.
	Line, Column int
}

func (c *checker) volumes(top *fields) []Volume {
	if !c.required(top, "volumes", `list at least one volume, e.g. "volumes: [{name: local, kind: local}]"`) {
		return nil
	}
	n := top.value("volumes")
	if !c.is(n, yaml.SequenceNode, "volumes", "a list of volumes") {
		return nil
	}
	if len(n.Content) == 0 {
		c.report(n, "volumes", "empty list; a scenario needs at least one volume")
		return nil
	}
	seen := map[string]*yaml.Node{}
	var vols []Volume
	for i, item := range n.Content {
		if v, ok := c.volume(item, fmt.Sprintf("volumes[%d]", i), seen); ok {
			vols = append(vols, v)
		}
	}
	return vols
}

// volume checks one entry: its name and kind here, its other keys by
// the kind's Configure.
func (c *checker) volume(item *yaml.Node, path string, seen map[string]*yaml.Node) (Volume, bool) {
	f := c.mapping(item, path)
	if f == nil {
		return Volume{}, false
	}
	name := c.name(f, "name", `name the volume, e.g. "name: local"`)
	if first, dup := seen[name]; dup {
		c.report(f.value("name"), f.field("name"), "duplicate volume name %q; first at line %d", name, first.Line)
	} else if name != "" {
		seen[name] = f.value("name")
	}
	c.required(f, "kind", "known kinds: "+strings.Join(volume.Kinds(), ", "))
	kind := c.choice(f, "kind", "", "volume kind", volume.Kinds())
	ceiling := c.boolean(f, "ceiling", false)
	options, ok := c.options(f)
	if kind == "" || !ok {
		return Volume{}, false
	}
	config, problems := volume.Configure(name, kind, options)
	for _, p := range problems {
		c.volumeProblem(f, p)
	}
	return Volume{Name: name, Kind: kind, Config: config, Ceiling: ceiling || kind == "tmpfs", Line: item.Line, Column: item.Column}, len(problems) == 0
}

// options converts the entry's keys other than name and kind to the Go
// values yaml.v3 decodes them to: int, float64, bool, string (dates
// stay strings), map[string]any and []any.
func (c *checker) options(f *fields) (map[string]any, bool) {
	options := map[string]any{}
	ok := true
	for _, key := range f.unknown([]string{"name", "kind", "ceiling"}) {
		v, good := c.value(f.entries[key].value, f.field(key))
		options[key], ok = v, ok && good
	}
	return options, ok
}

func (c *checker) value(n *yaml.Node, path string) (any, bool) {
	switch n.Kind {
	case yaml.ScalarNode:
		return c.scalar(n, path)
	case yaml.SequenceNode:
		list, ok := make([]any, len(n.Content)), true
		for i, item := range n.Content {
			v, good := c.value(item, fmt.Sprintf("%s[%d]", path, i))
			list[i], ok = v, ok && good
		}
		return list, ok
	case yaml.MappingNode:
		f := c.mapping(n, path)
		return c.mappingValue(f)
	}
	return nil, c.is(n, yaml.ScalarNode, path, "a value")
}

// mappingValue converts a nested mapping; it is not ok when c.mapping
// dropped a duplicate or non-scalar key.
func (c *checker) mappingValue(f *fields) (any, bool) {
	if f == nil {
		return nil, false
	}
	m, ok := map[string]any{}, true
	for _, key := range f.order {
		v, good := c.value(f.entries[key].value, f.field(key))
		m[key], ok = v, ok && good
	}
	return m, ok && len(f.order)*2 == len(f.node.Content)
}

func (c *checker) scalar(n *yaml.Node, path string) (any, bool) {
	if n.ShortTag() == "!!timestamp" {
		return n.Value, true
	}
	var v any
	if err := n.Decode(&v); err != nil {
		c.report(n, path, "invalid %s value %q", n.ShortTag(), n.Value)
		return nil, false
	}
	return v, true
}

// volumeProblem reports a problem the volume kind found in the entry f,
// at the key of an unknown option, else at the offending value. Kinds
// leave the value out of their messages; it is put after the first
// clause: "unknown option "sise"", "unknown profile "nfs9"; known …",
// "want a string, got 5".
func (c *checker) volumeProblem(f *fields, p volume.Problem) {
	head, rest, _ := strings.Cut(p.Message, ";")
	unknownOption := strings.HasPrefix(head, "unknown option")
	n, exact := locate(f.node, p.Field, unknownOption)
	shown := ""
	switch {
	case unknownOption:
		shown = strconv.Quote(p.Field[strings.LastIndex(p.Field, ".")+1:])
	case exact:
		shown = got(n)
	case p.Value != "":
		shown = strconv.Quote(p.Value)
	}
	switch {
	case shown == "":
	case strings.HasPrefix(head, "unknown "):
		head += " " + shown
	default:
		head += ", got " + shown
	}
	if rest != "" {
		head += ";" + rest
	}
	c.report(n, f.field(p.Field), "%s", head)
	if !exact {
		c.problems[len(c.problems)-1].Value = p.Value
	}
}

// locate finds the node of the dotted path ("target.kind") below the
// mapping n (a volume entry, or the whole file): its key or its value. When the path leads nowhere it
// returns the deepest mapping found, and exact is false.
func locate(n *yaml.Node, path string, key bool) (found *yaml.Node, exact bool) {
	segments := strings.Split(path, ".")
	for i, segment := range segments {
		k, v := lookup(n, segment)
		if k == nil {
			return n, false
		}
		if i == len(segments)-1 {
			if key {
				return k, true
			}
			return v, true
		}
		n = v
	}
	return n, false
}

// lookup returns the first key named name of mapping n, and its value.
func lookup(n *yaml.Node, name string) (key, value *yaml.Node) {
	if n.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Kind == yaml.ScalarNode && n.Content[i].Value == name {
			return n.Content[i], n.Content[i+1]
		}
	}
	return nil, nil
}
