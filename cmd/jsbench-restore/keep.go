package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// nodeMarker names the file a restore leaves in the home with the node
// it restored on.
const nodeMarker = ".jsbench-node"

// stageLeftover is the prefix of what an interrupted restore leaves
// (bench/storage/snapshot's stage directory).
const stageLeftover = ".jsbench-restore-"

// keepRule decides, with --keep-home, whether the home in dir survived
// on this node and is kept, or is restored; it returns why it is kept,
// "" to restore, after removing what must not stay. The rule, as a
// recovering controller's init container applies it:
//
//   - a missing or empty home (lost+found aside) is restored: a new node,
//     a new disk;
//   - a home holding only an interrupted restore's leftovers is emptied
//     and restored;
//   - a home whose marker names another node is emptied and restored:
//     that node's disk is not this one's (nodes of a local cluster share
//     one machine's disk, where a real node would find nothing); only
//     with --node, given for node-local disk, never for a network volume,
//     which every node legitimately shares;
//   - any other home survived on this node (the pod was replaced on the
//     same node) and is kept: restoring over it would lose the changes
//     since the backup, and race the old pod if it still runs.
func keepRule(dir, node string) (string, error) {
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read home %q: %w", dir, err)
	}
	var home []string
	leftovers := false
	for _, e := range entries {
		switch name := e.Name(); {
		case name == "lost+found":
		case strings.HasPrefix(name, stageLeftover):
			leftovers = true
		default:
			home = append(home, name)
		}
	}
	if len(home) == 0 {
		if leftovers {
			return "", empty(dir)
		}
		return "", nil
	}
	marked, err := os.ReadFile(filepath.Join(dir, nodeMarker))
	if err == nil && node != "" && strings.TrimSpace(string(marked)) != node {
		return "", empty(dir)
	}
	return fmt.Sprintf("the home survived on node %s (%d entries): kept, nothing restored", orUnknown(node), len(home)), nil
}

// markNode records the node a home was restored on.
func markNode(dir, node string) error {
	if node == "" {
		return nil
	}
	if err := os.WriteFile(filepath.Join(dir, nodeMarker), []byte(node+"\n"), 0o644); err != nil {
		return fmt.Errorf("mark home with its node: %w", err)
	}
	return nil
}

func orUnknown(node string) string {
	if node == "" {
		return "(unnamed)"
	}
	return node
}
