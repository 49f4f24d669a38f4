package scenario

import (
	"fmt"
	"strconv"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/jsbench/jsbench/bench/plan/subject"
)

var (
	failoverFields  = []string{"action", "grace"}
	failoverActions = []string{subject.FailoverDelete, subject.FailoverDrain}
)

// failovers reads `failover:`, one mapping or a list of them.
func (c *checker) failovers(top *fields, runtime string) []subject.Failover {
	n := top.value("failover")
	if n == nil {
		return nil
	}
	if spec, _ := subject.Spec(c.runtimes, runtime); !spec.Failover {
		c.report(top.entries["failover"].key, "failover", "failover needs %s (a pod of a StatefulSet to lose)",
			c.runtimesWith(func(s subject.RuntimeSpec) bool { return s.Failover }))
	}
	if s := top.value("start"); s != nil && s.Value == StartRestart {
		c.report(top.entries["failover"].key, "failover", "a failover follows a cold start; remove start: restart")
	}
	items := []*yaml.Node{n}
	if n.Kind == yaml.SequenceNode {
		items = n.Content
	}
	var out []subject.Failover
	seen := map[string]bool{}
	for i, item := range items {
		path := "failover"
		if n.Kind == yaml.SequenceNode {
			path = fmt.Sprintf("failover[%d]", i)
		}
		fo, ok := c.failover(item, path)
		if !ok {
			continue
		}
		if seen[fo.Label] {
			c.report(item, path, "the same failover twice (%s)", fo.Label)
			continue
		}
		seen[fo.Label] = true
		out = append(out, fo)
	}
	return out
}

func (c *checker) failover(n *yaml.Node, path string) (subject.Failover, bool) {
	f := c.mapping(n, path)
	if f == nil {
		return subject.Failover{}, false
	}
	c.knownKeys(f, failoverFields)
	c.required(f, "action", "known actions: delete, drain")
	fo := subject.Failover{Action: c.choice(f, "action", "", "failover action", failoverActions)}
	fo.Grace = c.grace(f)
	if fo.Action == "" {
		return fo, false
	}
	fo.Label = fo.Action
	if fo.Grace != nil {
		fo.Label += "-grace" + strconv.FormatInt(*fo.GraceSeconds(), 10) + "s"
	}
	return fo, true
}

// grace reads the termination grace: whole seconds as a number or a
// duration ("0", 0, "30s").
func (c *checker) grace(f *fields) *time.Duration {
	n := f.value("grace")
	if n == nil {
		return nil
	}
	const want = "a grace period in whole seconds, such as 0 or 30s"
	d, err := time.ParseDuration(n.Value)
	if secs, ierr := strconv.ParseInt(n.Value, 10, 64); ierr == nil {
		d, err = time.Duration(secs)*time.Second, nil
	}
	if n.Kind != yaml.ScalarNode || err != nil || d < 0 || d%time.Second != 0 {
		c.report(n, f.field("grace"), "want %s, got %s", want, got(n))
		return nil
	}
	return &d
}
