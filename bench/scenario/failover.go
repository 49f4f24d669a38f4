package scenario

import (
	"fmt"
	"strconv"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/jsbench/jsbench/bench/subject"
)

// Failover actions: what happens to a controller that is fully up.
const (
	// FailoverDelete deletes its pod; the StatefulSet makes a new one.
	FailoverDelete = "delete"
	// FailoverDrain cordons its node and evicts the pod, as kubectl drain
	// does; the new pod must land on another node.
	FailoverDrain = "drain"
)

// Failover is one way of losing a running controller, timed until the
// replacement is fully up. A scenario with failovers makes, for each run
// on each volume, a cold start and then every failover in turn; the
// failovers are recorded as scenario "NAME.failover-LABEL".
type Failover struct {
	// Action is FailoverDelete or FailoverDrain.
	Action string
	// Grace is the pod's termination grace period; nil keeps the pod's
	// own (30 s unless the scenario sets it).
	Grace *time.Duration
	// Label names the failover in results: "delete", "delete-grace0s".
	Label string
}

var (
	failoverFields  = []string{"action", "grace"}
	failoverActions = []string{FailoverDelete, FailoverDrain}
)

// failovers reads `failover:`, one mapping or a list of them.
func (c *checker) failovers(top *fields, runtime string) []Failover {
	n := top.value("failover")
	if n == nil {
		return nil
	}
	if runtime != subject.RuntimeKubernetes {
		c.report(top.entries["failover"].key, "failover", "failover needs subject.runtime: kubernetes (a pod of a StatefulSet to lose)")
	}
	if s := top.value("start"); s != nil && s.Value == StartRestart {
		c.report(top.entries["failover"].key, "failover", "a failover follows a cold start; remove start: restart")
	}
	items := []*yaml.Node{n}
	if n.Kind == yaml.SequenceNode {
		items = n.Content
	}
	var out []Failover
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

func (c *checker) failover(n *yaml.Node, path string) (Failover, bool) {
	f := c.mapping(n, path)
	if f == nil {
		return Failover{}, false
	}
	c.knownKeys(f, failoverFields)
	c.required(f, "action", "known actions: delete, drain")
	fo := Failover{Action: c.choice(f, "action", "", "failover action", failoverActions)}
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

// GraceSeconds is Grace in whole seconds, as Kubernetes takes it; nil
// when Grace is.
func (f Failover) GraceSeconds() *int64 {
	if f.Grace == nil {
		return nil
	}
	s := int64(*f.Grace / time.Second)
	return &s
}
