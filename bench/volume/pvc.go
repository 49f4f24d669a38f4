package volume

import (
	"context"
	"regexp"
	"slices"
	"strings"

	"github.com/jsbench/jsbench/bench/cleanup"
	"github.com/jsbench/jsbench/bench/subject"
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
	claim subject.Claim
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
		v.claim.SnapshotName = requiredString(ds, "volume_snapshot", "the name of a VolumeSnapshot in the run's namespace")
	}
	return v
}

func (v *pvcVolume) Name() string { return v.name }
func (v *pvcVolume) Kind() string { return "pvc" }

func (v *pvcVolume) Params() map[string]string {
	p := map[string]string{"storage_class": v.claim.StorageClass, "size": v.claim.Size, "access_mode": v.claim.AccessMode}
	if v.claim.SnapshotName != "" {
		p["data_source.volume_snapshot"] = v.claim.SnapshotName
	}
	return p
}

// Prepare hands the claim to the runtime, which creates and deletes it.
func (v *pvcVolume) Prepare(ctx context.Context, env Env, stack *cleanup.Stack) (Prepared, error) {
	claim := v.claim
	return Prepared{Claim: &claim}, nil
}
