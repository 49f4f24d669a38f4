package scenario

import (
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// str returns the string value of key, or def when key is absent.
func (c *checker) str(f *fields, key, def string) string {
	n := f.value(key)
	if n == nil || !c.isString(n, f.field(key)) {
		return def
	}
	return n.Value
}

// text returns the value of key, which must be a non-empty string, or
// def when key is absent.
func (c *checker) text(f *fields, key, def string) string {
	n := f.value(key)
	if n == nil || !c.isString(n, f.field(key)) {
		return def
	}
	if n.Value == "" {
		c.report(n, f.field(key), "want a value, got an empty string")
	}
	return n.Value
}

// isString reports, and returns false, when n is not a string. A number
// or a boolean where a string belongs gets the hint to quote it.
func (c *checker) isString(n *yaml.Node, field string) bool {
	if !c.is(n, yaml.ScalarNode, field, "a string") {
		return false
	}
	switch n.ShortTag() {
	case "!!str":
		return true
	case "!!null":
		c.report(n, field, "want a string, got nothing")
	default:
		c.report(n, field, "want a string, got %s; put it in quotes: %q", n.Value, n.Value)
	}
	return false
}

// choice returns the value of key, which must be one of known: def when
// key is absent, "" when its value is not allowed.
func (c *checker) choice(f *fields, key, def, noun string, known []string) string {
	n := f.value(key)
	if n == nil {
		return def
	}
	if !c.isString(n, f.field(key)) {
		return ""
	}
	if !contains(known, n.Value) {
		c.report(n, f.field(key), "unknown %s %q; known %ss: %s", noun, n.Value, lastWord(noun), strings.Join(known, ", "))
		return ""
	}
	return n.Value
}

// lastWord turns "subject kind" into "kind", for "known kinds: …".
func lastWord(noun string) string {
	return noun[strings.LastIndex(noun, " ")+1:]
}

// integer returns the whole-number value of key, at least min, or def
// when key is absent or wrong.
func (c *checker) integer(f *fields, key string, def, min int64) int64 {
	n := f.value(key)
	if n == nil {
		return def
	}
	var v int64
	if !c.is(n, yaml.ScalarNode, f.field(key), "a whole number") {
		return def
	}
	if n.ShortTag() != "!!int" || n.Decode(&v) != nil {
		c.report(n, f.field(key), "want a whole number, got %s", got(n))
		return def
	}
	if v < min {
		c.report(n, f.field(key), "want at least %d, got %s", min, n.Value)
		return def
	}
	return v
}

// duration returns the value of key as a positive Go duration, or def
// when key is absent or wrong.
func (c *checker) duration(f *fields, key string, def time.Duration) time.Duration {
	n := f.value(key)
	if n == nil {
		return def
	}
	const want = "a positive duration such as 90s, 10m or 1h30m"
	if !c.is(n, yaml.ScalarNode, f.field(key), want) {
		return def
	}
	d, err := time.ParseDuration(n.Value)
	if n.ShortTag() != "!!str" || err != nil || d <= 0 {
		c.report(n, f.field(key), "want %s, got %s", want, got(n))
		return def
	}
	return d
}

// boolean returns the value of key as true or false, or def when key is
// absent or wrong.
func (c *checker) boolean(f *fields, key string, def bool) bool {
	n := f.value(key)
	if n == nil {
		return def
	}
	if !c.is(n, yaml.ScalarNode, f.field(key), "true or false") {
		return def
	}
	var v bool
	if n.ShortTag() != "!!bool" || n.Decode(&v) != nil {
		c.report(n, f.field(key), "want true or false, got %s", got(n))
		return def
	}
	return v
}
