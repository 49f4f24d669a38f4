package csidriver

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// Errors of the store that a CSI call answers with a code of its own.
var (
	// ErrNoCapacity: the pool cannot hold the volume (ResourceExhausted).
	ErrNoCapacity = errors.New("no capacity")
	// ErrAttachedElsewhere: a single-node volume is attached to another
	// node (FailedPrecondition).
	ErrAttachedElsewhere = errors.New("attached to another node")
	// ErrMismatch: a volume or snapshot of that name exists with other
	// properties (AlreadyExists).
	ErrMismatch = errors.New("exists with other properties")
)

// NewVolume is a volume to create.
type NewVolume struct {
	Volume
	Class Class
}

// CreateVolume creates v unless a volume of that ID exists, in which
// case it returns the existing one if it matches. A volume from a
// snapshot starts as a copy of it.
func (s *Store) CreateVolume(nv NewVolume, now time.Time) (Volume, error) {
	v := nv.Volume
	if !idPat.MatchString(v.ID) {
		return Volume{}, fmt.Errorf("volume %q: %w", v.ID, ErrBadID)
	}
	var out Volume
	err := s.locked(func() error {
		if old, err := s.Volume(v.ID); err == nil {
			if old.CapacityBytes != v.CapacityBytes || old.Snapshot != v.Snapshot || old.Driver != v.Driver {
				return fmt.Errorf("volume %q: %w (%d bytes from %q)", v.ID, ErrMismatch, old.CapacityBytes, old.Snapshot)
			}
			out = old
			return nil
		}
		if err := s.fits(v, nv.Class); err != nil {
			return err
		}
		dir := s.volumeDir(v.ID)
		if err := os.RemoveAll(dir); err != nil { // what an interrupted create left
			return err
		}
		if err := os.MkdirAll(filepath.Join(dir, "nodes"), 0o755); err != nil {
			return err
		}
		if err := s.fill(v, nv.Class); err != nil {
			return errors.Join(err, os.RemoveAll(dir))
		}
		v.Created = now.UTC()
		out = v
		return writeJSON(filepath.Join(dir, "volume.json"), v)
	})
	return out, err
}

// fits refuses a volume its pool has no room for.
func (s *Store) fits(v Volume, c Class) error {
	if c.PoolCapacity == 0 {
		return nil
	}
	used, err := s.poolUsed(v.Pool)
	if err != nil {
		return err
	}
	if used+v.CapacityBytes > c.PoolCapacity {
		return fmt.Errorf("pool %q has %d of %d bytes free, the volume needs %d: %w",
			v.Pool, max(c.PoolCapacity-used, 0), c.PoolCapacity, v.CapacityBytes, ErrNoCapacity)
	}
	return nil
}

// fill makes the volume's data directory: a copy of its snapshot, or an
// empty directory owned as the class says.
func (s *Store) fill(v Volume, c Class) error {
	data := s.VolumeData(v.ID)
	if v.Snapshot != "" {
		snap, err := s.Snapshot(v.Snapshot)
		if err != nil {
			return fmt.Errorf("snapshot source: %w", err)
		}
		if snap.SizeBytes > v.CapacityBytes {
			return fmt.Errorf("snapshot %q holds %d bytes, more than the volume's %d: %w", snap.ID, snap.SizeBytes, v.CapacityBytes, ErrNoCapacity)
		}
		_, err = copyTree(filepath.Join(s.snapshotDir(v.Snapshot), "data"), data)
		return err
	}
	if err := os.Mkdir(data, 0o755); err != nil {
		return err
	}
	if err := os.Chown(data, c.UID, c.GID); err != nil {
		return err
	}
	return os.Chmod(data, c.DirPerms)
}

// DeleteVolume removes a volume and its files; an absent one is no error.
func (s *Store) DeleteVolume(id string) error {
	if !idPat.MatchString(id) {
		return fmt.Errorf("volume %q: %w", id, ErrBadID)
	}
	return s.locked(func() error {
		dir := s.volumeDir(id)
		// The record first: a volume half removed no longer counts.
		if err := os.Remove(filepath.Join(dir, "volume.json")); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		return os.RemoveAll(dir)
	})
}

// Attach records that the volume is attached to node. A single-node
// volume attached elsewhere is refused.
func (s *Store) Attach(id, node string) error {
	return s.locked(func() error {
		v, err := s.Volume(id)
		if err != nil {
			return err
		}
		nodes, err := s.AttachedTo(id)
		if err != nil {
			return err
		}
		for _, n := range nodes {
			if n != node && v.SingleNode {
				return fmt.Errorf("volume %q is attached to node %q: %w", id, n, ErrAttachedElsewhere)
			}
		}
		return os.WriteFile(s.attachMark(id, node), nil, 0o644)
	})
}

// Detach records that the volume is no longer attached to node.
func (s *Store) Detach(id, node string) error {
	return s.locked(func() error {
		err := os.Remove(s.attachMark(id, node))
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	})
}

// CreateSnapshot copies a volume's files into a new snapshot that is
// ready after ready. An existing snapshot of that ID from the same volume
// is returned as it is.
func (s *Store) CreateSnapshot(id, volume string, now time.Time, ready time.Duration) (Snapshot, error) {
	if !idPat.MatchString(id) {
		return Snapshot{}, fmt.Errorf("snapshot %q: %w", id, ErrBadID)
	}
	var out Snapshot
	err := s.locked(func() error {
		if old, err := s.Snapshot(id); err == nil {
			if old.Volume != volume {
				return fmt.Errorf("snapshot %q of volume %q: %w", id, old.Volume, ErrMismatch)
			}
			out = old
			return nil
		}
		if _, err := s.Volume(volume); err != nil {
			return err
		}
		dir := s.snapshotDir(id)
		if err := os.RemoveAll(dir); err != nil {
			return err
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		size, err := copyTree(s.VolumeData(volume), filepath.Join(dir, "data"))
		if err != nil {
			return errors.Join(err, os.RemoveAll(dir))
		}
		out = Snapshot{ID: id, Volume: volume, SizeBytes: size, Created: now.UTC(), Ready: now.Add(ready).UTC()}
		return writeJSON(filepath.Join(dir, "snapshot.json"), out)
	})
	return out, err
}

// DeleteSnapshot removes a snapshot; an absent one is no error.
func (s *Store) DeleteSnapshot(id string) error {
	if !idPat.MatchString(id) {
		return fmt.Errorf("snapshot %q: %w", id, ErrBadID)
	}
	return s.locked(func() error {
		dir := s.snapshotDir(id)
		if err := os.Remove(filepath.Join(dir, "snapshot.json")); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		return os.RemoveAll(dir)
	})
}
