package scenario

import (
	"fmt"
	"io"
	"os"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/jsbench/jsbench/bench/storage/volume"
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
	// The file is read again for positions only when there is a problem.
	root := sync.OnceValue(func() *yaml.Node { return fileRoot(s.File) })
	items := sync.OnceValue(func() []*yaml.Node { return volumeNodes(root(), s.Volumes) })
	if s.Home.Kind == HomeDir && s.Home.Dir != "" {
		if msg := volume.CheckHomeSource(s.Home.Dir); msg != "" {
			n, _ := nodeAt(root(), "home.dir")
			c.report(n, "home.dir", "%s", msg)
		}
	}
	for i, v := range s.Volumes {
		checker, ok := v.Config.(volume.HostChecker)
		if !ok {
			continue
		}
		for _, p := range checker.CheckHost() {
			n, _ := locate(items()[i], p.Field, false)
			c.report(n, fmt.Sprintf("volumes[%d].%s", i, p.Field), "%s", p.Message)
		}
	}
	if len(c.problems) > 0 {
		sortProblems(c.problems)
		return &Error{Problems: c.problems}
	}
	return nil
}

// fileRoot reads the scenario file again for the positions of problems;
// a scenario not read from a file (or no longer readable, or grown past
// MaxFileBytes) gets an empty node, and problems without a line.
func fileRoot(file string) *yaml.Node {
	var doc yaml.Node
	data, err := readBounded(file)
	if err != nil || yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 {
		return &yaml.Node{}
	}
	return doc.Content[0]
}

// readBounded reads at most MaxFileBytes of file, and fails on more.
func readBounded(file string) ([]byte, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err == nil && len(data) > MaxFileBytes {
		err = fmt.Errorf("%s: larger than %d bytes", file, MaxFileBytes)
	}
	return data, err
}

// volumeNodes are the nodes of the volume entries, one per volume; an
// entry not found in root is a mapping at the volume's recorded position.
func volumeNodes(root *yaml.Node, volumes []Volume) []*yaml.Node {
	nodes := make([]*yaml.Node, len(volumes))
	list, _ := nodeAt(root, "volumes")
	for i, v := range volumes {
		nodes[i] = &yaml.Node{Kind: yaml.MappingNode, Line: v.Line, Column: v.Column}
		if list.Kind == yaml.SequenceNode && i < len(list.Content) {
			nodes[i] = list.Content[i]
		}
	}
	return nodes
}
