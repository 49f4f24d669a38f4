package volume

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/jsbench/jsbench/bench/lifecycle/cleanup"
	"github.com/jsbench/jsbench/bench/storage/homemount"
	"github.com/jsbench/jsbench/bench/storage/snapshot"
)

// pvcKind is a PersistentVolumeClaim of a StorageClass on a Kubernetes
// cluster, a new one per run: gp2 or gp3 EBS, EFS through its CSI driver,
// an NFS provisioner, a local-path provisioner. The Kubernetes runtime
// creates the claim and times its binding; nothing is prepared on the
// host. An empty home only: to start on a populated one, restore it onto
// the claim (kind snapshot, target: {kind: pvc, …}).
//
//	kind: pvc
//	storage_class: gp3
//	size: 20Gi                      # default 10Gi
//	access_mode: ReadWriteOnce      # or ReadWriteMany, ReadWriteOncePod
//	data_source: {volume_snapshot: jenkins-home-nightly}   # optional
//
// or, to time a move between classes (gp2 to gp3) as a platform team
// makes it — a claim of the old class holding the home, a VolumeSnapshot
// of it, the new claim restored from the snapshot — each run:
//
//	data_source:
//	  snapshot_of:
//	    storage_class: gp2
//	    size: 8Gi                       # default: the claim's size
//	    home: s3://backups/jenkins-home.tar.zst   # what the old claim holds
//	  volume_snapshot_class: ebs-snapshots       # optional: the driver's default
type pvcKind struct{}

// DefaultClaimSize is the size of a claim that names none: room for a
// home of a few hundred jobs with their build records.
const DefaultClaimSize = "10Gi"

var (
	accessModes = []string{"ReadWriteOnce", "ReadWriteOncePod", "ReadWriteMany", "ReadOnlyMany"}
	// quantityPat is a Kubernetes quantity of bytes without exponent form.
	quantityPat = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$`)
	// dnsName is a Kubernetes object name (RFC 1123 subdomain).
	dnsName = regexp.MustCompile(`^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$`)
)

type pvcVolume struct {
	name  string
	claim homemount.Claim
}

func (pvcKind) Configure(name string, opts *Options) Volume {
	v := &pvcVolume{name: name}
	v.claim.StorageClass = requiredString(opts, "storage_class", "the StorageClass of the claim, such as gp3 (kubectl get storageclass)")
	if c := v.claim.StorageClass; c != "" && !dnsName.MatchString(c) {
		opts.Problemf("storage_class", c, "not a StorageClass name")
	}
	v.claim.Size = opts.String("size", DefaultClaimSize)
	if !quantityPat.MatchString(v.claim.Size) {
		opts.Problemf("size", v.claim.Size, "want a size such as 10Gi or 500Mi")
	}
	v.claim.AccessMode = opts.String("access_mode", "ReadWriteOnce")
	if !slices.Contains(accessModes, v.claim.AccessMode) {
		opts.Problemf("access_mode", v.claim.AccessMode, "want one of %s", strings.Join(accessModes, ", "))
	}
	if ds := opts.Sub("data_source"); ds != nil {
		configureDataSource(&v.claim, ds)
	}
	return v
}

// configureDataSource reads either a VolumeSnapshot's name or the claim
// a snapshot is taken of.
func configureDataSource(c *homemount.Claim, ds *Options) {
	from := ds.Sub("snapshot_of")
	if from == nil {
		c.SnapshotName = requiredString(ds, "volume_snapshot", "the name of a VolumeSnapshot in the run's namespace, or snapshot_of: the claim to snapshot")
		return
	}
	if ds.Has("volume_snapshot") {
		ds.Problemf("volume_snapshot", ds.String("volume_snapshot", ""), "give volume_snapshot or snapshot_of, not both")
	}
	src := &homemount.SnapshotSource{SnapshotClass: ds.String("volume_snapshot_class", "")}
	src.StorageClass = requiredString(from, "storage_class", "the StorageClass the home moves from, such as gp2")
	if sc := src.StorageClass; sc != "" && !dnsName.MatchString(sc) {
		from.Problemf("storage_class", sc, "not a StorageClass name")
	}
	src.Size = from.String("size", c.Size)
	if !quantityPat.MatchString(src.Size) {
		from.Problemf("size", src.Size, "want a size such as 10Gi or 500Mi")
	}
	if raw := requiredString(from, "home", "the backup the old claim holds: a file path, an http(s):// URL or s3://bucket/key"); raw != "" {
		if _, err := snapshot.ParseSource(raw); err != nil {
			from.Problemf("home", raw, "%v", err)
		}
		src.Home = raw
	}
	c.SnapshotOf = src
}

func (v *pvcVolume) Name() string { return v.name }
func (v *pvcVolume) Kind() string { return "pvc" }

func (v *pvcVolume) Params() map[string]string {
	p := map[string]string{"storage_class": v.claim.StorageClass, "size": v.claim.Size, "access_mode": v.claim.AccessMode}
	if v.claim.SnapshotName != "" {
		p["data_source.volume_snapshot"] = v.claim.SnapshotName
	}
	if s := v.claim.SnapshotOf; s != nil {
		p["data_source.snapshot_of.storage_class"] = s.StorageClass
		p["data_source.snapshot_of.size"] = s.Size
		p["data_source.snapshot_of.home"] = s.Home
		if s.SnapshotClass != "" {
			p["data_source.volume_snapshot_class"] = s.SnapshotClass
		}
	}
	return p
}

// Prepare hands the claim to the runtime, which creates and deletes it.
// A snapshot's home given as a file is read on the node, by its absolute
// path, and owned by the run's user.
func (v *pvcVolume) Prepare(ctx context.Context, env Env, stack *cleanup.Stack) (Prepared, error) {
	claim := v.claim
	if s := claim.SnapshotOf; s != nil {
		src := *s
		src.UID, src.GID = env.UID, env.GID
		if !strings.Contains(src.Home, "://") {
			abs, err := filepath.Abs(src.Home)
			if err != nil {
				return Prepared{}, fmt.Errorf("pvc volume %q: %w", v.name, err)
			}
			src.Home = abs
		}
		claim.SnapshotOf = &src
	}
	return Prepared{Claim: &claim}, nil
}
