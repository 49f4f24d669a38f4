package main

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/jsbench/jsbench/bench/simulate/simulator"
	"github.com/jsbench/jsbench/bench/storage/emufs"
)

// baseFacts are the figures of the default scenario a change starts
// from.
type baseFacts struct {
	warEntries int
	jobs       int
}

// adaptiveKeys are replaced by a fixed number of runs: a time budget
// would give a slower change, or a loaded host, fewer runs to judge.
var adaptiveKeys = []string{"runs", "min_runs", "max_runs", "precision", "budget"}

// readBase reads the war's entries and the home's jobs of a scenario.
func readBase(data []byte) (baseFacts, error) {
	root, err := parseMapping(data)
	if err != nil {
		return baseFacts{}, err
	}
	f := baseFacts{warEntries: simulator.DefaultWarEntries}
	if n := lookup(root, "subject", "sim", "war_entries"); n != nil {
		if f.warEntries, err = strconv.Atoi(n.Value); err != nil {
			return baseFacts{}, fmt.Errorf("subject.sim.war_entries %q: %w", n.Value, err)
		}
	}
	if n := lookup(root, "home", "jobs"); n != nil {
		if f.jobs, err = strconv.Atoi(n.Value); err != nil {
			return baseFacts{}, fmt.Errorf("home.jobs %q: %w", n.Value, err)
		}
	}
	if f.jobs == 0 {
		return baseFacts{}, errors.New("no home.jobs to add jobs to")
	}
	return f, nil
}

// variant writes the scenario with only the given volumes, a fixed
// number of runs and the change planted. Its name and volume names stay
// the base's, so that compare matches its runs with the baselines'.
func variant(data []byte, c planConfig, ch Change, base baseFacts) ([]byte, error) {
	root, err := parseMapping(data)
	if err != nil {
		return nil, err
	}
	for _, k := range adaptiveKeys {
		deleteKey(root, k)
	}
	setKey(root, "runs", scalar(strconv.Itoa(c.runs)))
	if err := keepVolumes(root, c.volumes); err != nil {
		return nil, err
	}
	switch ch.Kind {
	case KindWar:
		setPath(root, scalar(strconv.Itoa(warEntries(base, ch.SizePct))), "subject", "sim", "war_entries")
	case KindWar1600:
		setPath(root, scalar(strconv.Itoa(war1600Entries)), "subject", "sim", "war_entries")
	case KindJobs:
		setPath(root, scalar(strconv.Itoa(jobs(base, ch.SizePct))), "home", "jobs")
	case KindLatency:
		if err := slowLatencies(root, latencyFactor(ch.SizePct)); err != nil {
			return nil, err
		}
	}
	setKey(root, "description", scalar(fmt.Sprintf("The volumes %s of %s, %d runs each; planted change: %s.",
		strings.Join(c.volumes, ", "), c.scenario, c.runs, ch.Label)))
	root.HeadComment = fmt.Sprintf("Made by jsbench-detection-power from %s: planted change %q (%s).", c.scenario, ch.Name, ch.Label)
	out, err := yaml.Marshal(root)
	if err != nil {
		return nil, fmt.Errorf("write scenario: %w", err)
	}
	return out, nil
}

// keepVolumes drops every volume not named in names, and fails when one
// of names is not in the scenario or the scenario's reference is dropped.
func keepVolumes(root *yaml.Node, names []string) error {
	vols := lookup(root, "volumes")
	if vols == nil || vols.Kind != yaml.SequenceNode {
		return errors.New("no volumes")
	}
	var kept []*yaml.Node
	var found []string
	for _, v := range vols.Content {
		if n := lookup(v, "name"); n != nil && slices.Contains(names, n.Value) {
			kept = append(kept, v)
			found = append(found, n.Value)
		}
	}
	for _, n := range names {
		if !slices.Contains(found, n) {
			return fmt.Errorf("no volume %q in the scenario", n)
		}
	}
	if ref := lookup(root, "reference"); ref != nil && !slices.Contains(names, ref.Value) {
		return fmt.Errorf("the scenario's reference volume %q is not among %q", ref.Value, names)
	}
	vols.Content = kept
	return nil
}

// slowLatencies scales every latency of each emulated volume's shipped
// profile, writing the profile as a mapping on that base.
func slowLatencies(root *yaml.Node, factor float64) error {
	slowed := 0
	for _, v := range lookup(root, "volumes").Content {
		kind := lookup(v, "kind")
		prof := lookup(v, "profile")
		if kind == nil || kind.Value != "emulated" || prof == nil {
			continue
		}
		if prof.Kind != yaml.ScalarNode {
			return fmt.Errorf("volume %q: only a shipped profile's name can be slowed", lookup(v, "name").Value)
		}
		p, err := emufs.ByName(prof.Value)
		if err != nil {
			return err
		}
		m := &yaml.Node{Kind: yaml.MappingNode}
		setKey(m, "base", scalar(p.Name))
		for _, l := range []struct {
			key string
			lat emufs.Latency
		}{
			{"metadata", p.Metadata}, {"open", p.Open}, {"readdir", p.Readdir}, {"read", p.Read},
			{"write", p.Write}, {"namespace", p.Namespace}, {"flush", p.Flush}, {"fsync", p.Fsync},
		} {
			if l.lat.Median > 0 {
				median := time.Duration(float64(l.lat.Median.D()) * factor).Round(time.Microsecond)
				lat := &yaml.Node{Kind: yaml.MappingNode}
				setKey(lat, "median", scalar(median.String()))
				setKey(m, l.key, lat)
			}
		}
		setKey(v, "profile", m)
		slowed++
	}
	if slowed == 0 {
		return errors.New("no emulated volume whose latencies could be slowed")
	}
	return nil
}

func parseMapping(data []byte) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("parse scenario: %w", err)
	}
	if len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, errors.New("parse scenario: not a mapping")
	}
	root := doc.Content[0]
	stripComments(root)
	return root, nil
}

// stripComments drops the base scenario's comments, which speak of its
// budget and volumes.
func stripComments(n *yaml.Node) {
	n.HeadComment, n.LineComment, n.FootComment = "", "", ""
	for _, c := range n.Content {
		stripComments(c)
	}
}

func scalar(v string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Value: v} }

// lookup follows keys through nested mappings; nil when one is missing.
func lookup(n *yaml.Node, keys ...string) *yaml.Node {
	for _, k := range keys {
		if n == nil || n.Kind != yaml.MappingNode {
			return nil
		}
		var next *yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == k {
				next = n.Content[i+1]
			}
		}
		n = next
	}
	return n
}

func setKey(m *yaml.Node, key string, v *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content[i+1] = v
			return
		}
	}
	m.Content = append(m.Content, scalar(key), v)
}

// setPath sets a value under nested mappings, creating those missing.
func setPath(root, v *yaml.Node, keys ...string) {
	n := root
	for _, k := range keys[:len(keys)-1] {
		next := lookup(n, k)
		if next == nil || next.Kind != yaml.MappingNode {
			next = &yaml.Node{Kind: yaml.MappingNode}
			setKey(n, k, next)
		}
		n = next
	}
	setKey(n, keys[len(keys)-1], v)
}

func deleteKey(m *yaml.Node, key string) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content = append(m.Content[:i], m.Content[i+2:]...)
			return
		}
	}
}
