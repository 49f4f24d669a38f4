package scenario

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/jsbench/jsbench/bench/plan/subject"
	"go.yaml.in/yaml/v3"
)

// checker walks the YAML nodes of one scenario file and collects every
// problem it finds instead of stopping at the first.
type checker struct {
	file string
	// runtimes are the specs of the runtimes a subject may name.
	runtimes []subject.RuntimeSpec
	problems []Problem
	unlisted int // problems beyond keptProblems
}

// report records a problem at the position of n.
func (c *checker) report(n *yaml.Node, field string, format string, args ...any) {
	if len(c.problems) >= keptProblems {
		c.unlisted++
		return
	}
	value := ""
	switch n.Kind {
	case yaml.ScalarNode:
		value = n.Value
	case yaml.AliasNode:
		value = "*" + n.Value
	}
	c.problems = append(c.problems, Problem{
		File: c.file, Line: n.Line, Column: n.Column,
		Field: field, Value: value, Message: fmt.Sprintf(format, args...),
	})
}

// entry is one key of a mapping with its value.
type entry struct{ key, value *yaml.Node }

// fields is a mapping node read into its entries. A nil *fields stands
// for a mapping that was absent or unusable; its lookups find nothing.
type fields struct {
	path    string
	node    *yaml.Node
	entries map[string]entry
	order   []string
}

// field returns the path of key in this mapping, such as "subject.kind".
func (f *fields) field(key string) string {
	if f == nil || f.path == "" {
		return key
	}
	return f.path + "." + key
}

// value returns the value node of key, or nil when key is absent.
func (f *fields) value(key string) *yaml.Node {
	if f == nil {
		return nil
	}
	return f.entries[key].value
}

// mapping reads n as a mapping, reporting duplicate and non-scalar keys.
// It returns nil, after reporting, when n is not a mapping.
func (c *checker) mapping(n *yaml.Node, path string) *fields {
	if !c.is(n, yaml.MappingNode, path, "a mapping") {
		return nil
	}
	f := &fields{path: path, node: n, entries: map[string]entry{}}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, value := n.Content[i], n.Content[i+1]
		if key.Kind != yaml.ScalarNode {
			c.report(key, path, "want a plain key, got %s", got(key))
			continue
		}
		if first, dup := f.entries[key.Value]; dup {
			c.report(key, f.field(key.Value), "duplicate key %q; first at line %d", key.Value, first.key.Line)
			continue
		}
		f.entries[key.Value] = entry{key, value}
		f.order = append(f.order, key.Value)
	}
	return f
}

// optionalMapping reads the value of key as a mapping; nil when key is
// absent or its value is not a mapping.
func (c *checker) optionalMapping(f *fields, key string) *fields {
	n := f.value(key)
	if n == nil {
		return nil
	}
	return c.mapping(n, f.field(key))
}

// is reports, and returns false, when n is not of the wanted kind.
func (c *checker) is(n *yaml.Node, kind yaml.Kind, field, want string) bool {
	if n.Kind == kind {
		return true
	}
	if n.Kind == yaml.AliasNode {
		c.report(n, field, "aliases (*%s) are not supported; write the value out", n.Value)
		return false
	}
	c.report(n, field, "want %s, got %s", want, got(n))
	return false
}

// required reports key as missing from f, at the position of the
// mapping, and returns false when it is absent.
func (c *checker) required(f *fields, key, hint string) bool {
	if f == nil || f.value(key) != nil {
		return f != nil
	}
	c.report(f.node, f.field(key), "missing field; %s", hint)
	return false
}

// knownKeys reports every key of f that is not in known.
func (c *checker) knownKeys(f *fields, known []string) {
	for _, key := range f.unknown(known) {
		c.report(f.entries[key].key, f.field(key), "unknown field %q; known fields: %s", key, strings.Join(known, ", "))
	}
}

// unknown returns the keys of f, in file order, that are not in known.
func (f *fields) unknown(known []string) []string {
	var keys []string
	if f == nil {
		return nil
	}
	for _, key := range f.order {
		if !contains(known, key) {
			keys = append(keys, key)
		}
	}
	return keys
}

func contains(list []string, s string) bool {
	for _, item := range list {
		if item == s {
			return true
		}
	}
	return false
}

// got describes a node for a "want …, got …" message: strings quoted,
// numbers and booleans as written.
func got(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	switch n.ShortTag() {
	case "!!null":
		return "nothing"
	case "!!int", "!!float", "!!bool":
		return n.Value
	}
	return strconv.Quote(n.Value)
}
