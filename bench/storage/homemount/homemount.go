// Package homemount holds what a prepared volume gives a runtime besides
// a host directory: a Docker volume to create, a claim of a StorageClass,
// a restore for the platform to run. Plain data, so that a runtime reads
// it without linking the volume kinds (FUSE, S3) that produce it.
package homemount

// DockerVolume is a named volume of Docker's local driver with mount
// options, as `docker volume create --opt type=nfs --opt o=… --opt device=…`.
type DockerVolume struct {
	Name       string
	DriverOpts map[string]string
}

// Claim is a PersistentVolumeClaim of a StorageClass (volume kind pvc).
type Claim struct {
	StorageClass string
	// Size is a Kubernetes quantity such as "10Gi".
	Size string
	// AccessMode is ReadWriteOnce, ReadWriteMany, ReadWriteOncePod or
	// ReadOnlyMany.
	AccessMode string
	// SnapshotName, when set, restores the claim from that VolumeSnapshot
	// (the claim's dataSource).
	SnapshotName string
	// SnapshotOf, when set, moves a home between StorageClasses as a
	// platform team does: each run makes a claim of another class
	// holding the home, takes a VolumeSnapshot of it, and restores the
	// claim from that snapshot (gp2 to gp3). Timed from the snapshot.
	SnapshotOf *SnapshotSource
}

// SnapshotSource is the volume a claim is restored from by snapshot: a
// claim of StorageClass holding the home restored from Home, snapshotted
// with SnapshotClass ("" for the driver's default class).
type SnapshotSource struct {
	StorageClass, Size, SnapshotClass string
	// Home is the backup the source claim is populated from, as
	// Restore.Source spells it; UID and GID own its files.
	Home     string
	UID, GID int
}

// Restore is a home restored from a backup by an init container before
// the controller starts, instead of by the harness.
type Restore struct {
	// Source is a file path (on the node), an http(s):// URL or an
	// s3://bucket/key, as bench/storage/snapshot parses it.
	Source string
	// UID and GID own the restored files.
	UID, GID int
}
