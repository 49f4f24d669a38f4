package scenario

import (
	"fmt"

	"go.yaml.in/yaml/v3"

	"github.com/jsbench/jsbench/bench/volume"
)

// CheckHost checks what s needs from this host before any run, which
// Parse, reading no file system, cannot: that each volume's directories
// are not system directories and sit on the file system their kind
// measures (a tmpfs volume on a tmpfs, a local one on a disk), that a
// path volume's storage is mounted, that a snapshot file holds something,
// and that a dir home is a directory that can be copied (not /proc/self).
// The error, if any, is an *Error with every problem, positioned.
func CheckHost(s *Scenario) error {
	c := &checker{file: s.File}
	if s.Home.Kind == HomeDir && s.Home.Dir != "" {
		if msg := volume.CheckHomeSource(s.Home.Dir); msg != "" {
			c.report(s.node("home.dir"), "home.dir", "%s", msg)
		}
	}
	items := s.volumeNodes()
	for i, v := range s.Volumes {
		checker, ok := v.Config.(volume.HostChecker)
		if !ok {
			continue
		}
		for _, p := range checker.CheckHost() {
			n, _ := locate(items[i], p.Field, false)
			c.report(n, fmt.Sprintf("volumes[%d].%s", i, p.Field), "%s", p.Message)
		}
	}
	if len(c.problems) > 0 {
		sortProblems(c.problems)
		return &Error{Problems: c.problems}
	}
	return nil
}

// node is the node at a dotted field path of the file, or the file's
// root when the scenario was not parsed from one.
func (s *Scenario) node(path string) *yaml.Node {
	if s.root == nil {
		return &yaml.Node{}
	}
	n, _ := nodeAt(s.root, path)
	return n
}

// volumeNodes are the nodes of the volume entries, one per s.Volumes.
func (s *Scenario) volumeNodes() []*yaml.Node {
	nodes := make([]*yaml.Node, len(s.Volumes))
	list := s.node("volumes")
	for i, v := range s.Volumes {
		nodes[i] = &yaml.Node{Kind: yaml.MappingNode, Line: v.Line, Column: v.Column}
		if list.Kind == yaml.SequenceNode && i < len(list.Content) {
			nodes[i] = list.Content[i]
		}
	}
	return nodes
}
