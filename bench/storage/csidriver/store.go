package csidriver

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sync"
	"time"

	"golang.org/x/sys/unix"

	"github.com/jsbench/jsbench/bench/storage/emufs"
)

// Store keeps volumes and snapshots as directories under one root on
// local disk, which every replica of the controller and every node's
// plugin sees at the same path (all nodes are on one machine):
//
//	volumes/ID/volume.json      Volume
//	volumes/ID/data/            the volume's files
//	volumes/ID/nodes/NODE       the volume is attached to NODE
//	snapshots/ID/snapshot.json  Snapshot
//	snapshots/ID/data/          the snapshot's copy
//
// A volume or snapshot exists once its JSON file does; a directory
// without one is what an interrupted create left, removed by the next
// create of the same name. Changes take a lock on the root (flock), so
// that two controller replicas never interleave theirs.
type Store struct {
	root string
	mu   sync.Mutex
}

// Volume is one volume's record.
type Volume struct {
	ID            string        `json:"id"`
	Driver        string        `json:"driver"`
	CapacityBytes int64         `json:"capacity_bytes"`
	Pool          string        `json:"pool"`
	Profile       emufs.Profile `json:"profile"`
	// Zone is where the volume lives ("" for a regional one).
	Zone string `json:"zone,omitempty"`
	// SingleNode is set for access modes that allow one node at a time.
	SingleNode bool `json:"single_node"`
	// AttachTime and DetachTime are how long attaching it to a node and
	// detaching it take (the class's).
	AttachTime emufs.Duration `json:"attach_time,omitempty"`
	DetachTime emufs.Duration `json:"detach_time,omitempty"`
	// Snapshot is the snapshot the volume was created from.
	Snapshot string    `json:"snapshot,omitempty"`
	Created  time.Time `json:"created"`
}

// Snapshot is one snapshot's record.
type Snapshot struct {
	ID        string    `json:"id"`
	Volume    string    `json:"volume"`
	SizeBytes int64     `json:"size_bytes"`
	Created   time.Time `json:"created"`
	// Ready is when the snapshot becomes ready to use.
	Ready time.Time `json:"ready"`
}

// idPat is what a volume or snapshot ID may be: the provisioner's and
// the snapshotter's names (pvc-UID, snapshot-UID) are.
var idPat = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{0,127}$`)

// Errors a caller branches on.
var (
	ErrNotFound = errors.New("not found")
	ErrBadID    = errors.New("not a valid ID: lowercase letters, digits, '.' and '-', at most 128")
)

// OpenStore opens (and creates) a store at root.
func OpenStore(root string) (*Store, error) {
	for _, d := range []string{"volumes", "snapshots"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			return nil, fmt.Errorf("create store: %w", err)
		}
	}
	return &Store{root: root}, nil
}

// Root is the store's directory.
func (s *Store) Root() string { return s.root }

// VolumeData is the directory holding a volume's files.
func (s *Store) VolumeData(id string) string { return filepath.Join(s.root, "volumes", id, "data") }

func (s *Store) volumeDir(id string) string   { return filepath.Join(s.root, "volumes", id) }
func (s *Store) snapshotDir(id string) string { return filepath.Join(s.root, "snapshots", id) }

// locked runs fn holding the store's lock, in this process and across
// processes.
func (s *Store) locked(fn func() error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, err := os.OpenFile(filepath.Join(s.root, ".lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return fmt.Errorf("lock store: %w", err)
	}
	defer f.Close()
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX); err != nil {
		return fmt.Errorf("lock store: %w", err)
	}
	return fn()
}

// Volume reads a volume's record.
func (s *Store) Volume(id string) (Volume, error) {
	var v Volume
	return v, s.read(id, filepath.Join(s.volumeDir(id), "volume.json"), &v)
}

// Snapshot reads a snapshot's record.
func (s *Store) Snapshot(id string) (Snapshot, error) {
	var v Snapshot
	return v, s.read(id, filepath.Join(s.snapshotDir(id), "snapshot.json"), &v)
}

func (s *Store) read(id, path string, v any) error {
	if !idPat.MatchString(id) {
		return fmt.Errorf("%q: %w", id, ErrBadID)
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%q: %w", id, ErrNotFound)
	}
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	return nil
}

// writeJSON writes v to path through a temporary file, so that a record
// is whole or absent.
func writeJSON(path string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// volumes lists every volume's record.
func (s *Store) volumes() ([]Volume, error) {
	entries, err := os.ReadDir(filepath.Join(s.root, "volumes"))
	if err != nil {
		return nil, err
	}
	var out []Volume
	for _, e := range entries {
		v, err := s.Volume(e.Name())
		if errors.Is(err, ErrNotFound) || errors.Is(err, ErrBadID) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// poolUsed sums the capacity of the pool's volumes.
func (s *Store) poolUsed(pool string) (int64, error) {
	vols, err := s.volumes()
	var used int64
	for _, v := range vols {
		if v.Pool == pool {
			used += v.CapacityBytes
		}
	}
	return used, err
}

// AttachedTo lists the nodes a volume is attached to.
func (s *Store) AttachedTo(id string) ([]string, error) {
	entries, err := os.ReadDir(filepath.Join(s.volumeDir(id), "nodes"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	var nodes []string
	for _, e := range entries {
		nodes = append(nodes, e.Name())
	}
	return nodes, err
}

func (s *Store) attachMark(id, node string) string {
	return filepath.Join(s.volumeDir(id), "nodes", node)
}
