package volume

import (
	"fmt"
	"sort"
	"time"
)

// Problem is one thing wrong with a volume entry's options. Field is the
// option's path below the entry ("size", "target.kind").
type Problem struct {
	Field   string
	Value   string
	Message string
}

// Options reads a volume entry's kind-specific options and collects
// every problem: a wrong type, an impossible value, an unknown option.
type Options struct {
	prefix   string
	values   map[string]any
	used     map[string]bool
	problems *[]Problem
	children []*Options
}

// NewOptions wraps the options of one scenario entry (the keys other than
// name and kind).
func NewOptions(values map[string]any) *Options {
	return &Options{values: values, used: map[string]bool{}, problems: new([]Problem)}
}

// Problemf records a problem with the option key.
func (o *Options) Problemf(key string, value any, format string, args ...any) {
	*o.problems = append(*o.problems, Problem{
		Field:   o.prefix + key,
		Value:   fmt.Sprint(value),
		Message: fmt.Sprintf(format, args...),
	})
}

// String returns the option key as a string, or def when it is absent.
func (o *Options) String(key, def string) string {
	v, ok := o.take(key)
	if !ok {
		return def
	}
	s, ok := v.(string)
	if !ok {
		o.Problemf(key, v, "want a string")
		return def
	}
	return s
}

// Int returns the option key as an integer, or def when it is absent.
func (o *Options) Int(key string, def int) int {
	v, ok := o.take(key)
	if !ok {
		return def
	}
	switch n := v.(type) {
	case int:
		return n
	case int64:
		return int(n)
	case uint64:
		return int(n)
	}
	o.Problemf(key, v, "want a whole number")
	return def
}

// Duration returns the option key as a duration ("250us", "2ms", "1m"),
// or def when it is absent.
func (o *Options) Duration(key string, def time.Duration) time.Duration {
	v, ok := o.take(key)
	if !ok {
		return def
	}
	s, isString := v.(string)
	d, err := time.ParseDuration(s)
	if !isString || err != nil || d < 0 {
		o.Problemf(key, v, "want a duration such as 250us, 2ms or 1m")
		return def
	}
	return d
}

// Bool returns the option key as a boolean, or def when it is absent.
func (o *Options) Bool(key string, def bool) bool {
	v, ok := o.take(key)
	if !ok {
		return def
	}
	b, isBool := v.(bool)
	if !isBool {
		o.Problemf(key, v, "want true or false")
		return def
	}
	return b
}

// Sub returns the nested options under key, or nil when key is absent.
func (o *Options) Sub(key string) *Options {
	v, ok := o.take(key)
	if !ok {
		return nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		o.Problemf(key, v, "want a mapping")
		return nil
	}
	sub := &Options{prefix: o.prefix + key + ".", values: m, used: map[string]bool{}, problems: o.problems}
	o.children = append(o.children, sub)
	return sub
}

// Has reports whether the option key is present.
func (o *Options) Has(key string) bool {
	_, ok := o.values[key]
	return ok
}

// Finish reports unknown options and returns every problem found.
func (o *Options) Finish() []Problem {
	o.flagUnknown()
	return *o.problems
}

func (o *Options) flagUnknown() {
	for _, child := range o.children {
		child.flagUnknown()
	}
	var unknown []string
	for key := range o.values {
		if !o.used[key] {
			unknown = append(unknown, key)
		}
	}
	sort.Strings(unknown)
	for _, key := range unknown {
		o.Problemf(key, o.values[key], "unknown option")
	}
}

func (o *Options) take(key string) (any, bool) {
	o.used[key] = true
	v, ok := o.values[key]
	return v, ok
}
