package csidriver

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"k8s.io/apimachinery/pkg/api/resource"

	"github.com/jsbench/jsbench/bench/storage/emufs"
)

// Class is what a StorageClass's parameters ask of the volumes it
// provisions. The provisioner passes the parameters to CreateVolume,
// less its own csi.storage.k8s.io/ keys.
type Class struct {
	// Profile is the emufs profile of a new volume, with IOPS scaled by
	// size where the class asks for it (gp2).
	Profile emufs.Profile
	// RestoreProfile, when set, replaces Profile for a volume created
	// from a snapshot (an EBS volume's blocks come from S3 on first
	// touch).
	RestoreProfile *emufs.Profile
	// Provision, Attach and Detach are how long CreateVolume,
	// ControllerPublishVolume and ControllerUnpublishVolume take.
	Provision, Attach, Detach time.Duration
	// Pool names the capacity that volumes of the class share;
	// PoolCapacity bounds it (0: unbounded). A volume that does not fit
	// is refused with ResourceExhausted, as a provisioner out of space
	// refuses it.
	Pool         string
	PoolCapacity int64
	// UID, GID and DirPerms own a new volume's root directory (-1 and 0:
	// root's, mode 0755), as EFS's access points take uid, gid and
	// directoryPerms.
	UID, GID int
	DirPerms os.FileMode
}

// Class parameters. Durations are Go durations ("2.8s"), capacities
// Kubernetes quantities ("100Gi").
const (
	ParamProfile        = "profile"
	ParamRestoreProfile = "restoreProfile"
	ParamIOPSPerGiB     = "iopsPerGiB"
	ParamMinIOPS        = "minIOPS"
	ParamMaxIOPS        = "maxIOPS"
	ParamProvisionTime  = "provisionTime"
	ParamAttachTime     = "attachTime"
	ParamDetachTime     = "detachTime"
	ParamPool           = "pool"
	ParamPoolCapacity   = "poolCapacity"
	ParamUID            = "uid"
	ParamGID            = "gid"
	ParamDirPerms       = "directoryPerms"
	// ParamSnapshotTime is a VolumeSnapshotClass's: how long after it is
	// taken a snapshot becomes ready to use.
	ParamSnapshotTime = "snapshotTime"
)

// sidecarPrefix starts the parameters the sidecars add (with
// --extra-create-metadata): not the class's, so not checked.
const sidecarPrefix = "csi.storage.k8s.io/"

// defaultPool is the pool of a class that names none.
const defaultPool = "default"

const gib = 1 << 30

// ParseClass reads a StorageClass's parameters for a volume of
// capacityBytes. Every problem is reported, each naming its parameter;
// an unknown parameter is one (a misspelt key would otherwise be
// ignored).
func ParseClass(params map[string]string, capacityBytes int64) (Class, error) {
	c := Class{Pool: defaultPool, UID: -1, GID: -1, DirPerms: 0o755}
	var errs []error
	bad := func(key, format string, args ...any) {
		errs = append(errs, fmt.Errorf("parameter %s=%q: %s", key, params[key], fmt.Sprintf(format, args...)))
	}
	for _, k := range slices.Sorted(maps.Keys(params)) {
		if !knownClassParams[k] && !strings.HasPrefix(k, sidecarPrefix) {
			bad(k, "unknown parameter; known: %s", strings.Join(slices.Sorted(maps.Keys(knownClassParams)), ", "))
		}
	}
	name, ok := params[ParamProfile]
	if !ok {
		errs = append(errs, fmt.Errorf("parameter %s: missing; name an emufs profile (%s)", ParamProfile, strings.Join(emufs.Names(), ", ")))
	} else if p, err := emufs.ByName(name); err != nil {
		bad(ParamProfile, "%v", err)
	} else {
		c.Profile = p
	}
	if name, ok := params[ParamRestoreProfile]; ok {
		if p, err := emufs.ByName(name); err != nil {
			bad(ParamRestoreProfile, "%v", err)
		} else {
			c.RestoreProfile = &p
		}
	}
	if c.scaleIOPS(params, capacityBytes, bad) && c.RestoreProfile != nil {
		r := *c.RestoreProfile // restored, the volume keeps its size's IOPS
		r.IOPS = c.Profile.IOPS
		c.RestoreProfile = &r
	}
	c.Provision = duration(params, ParamProvisionTime, bad)
	c.Attach = duration(params, ParamAttachTime, bad)
	c.Detach = duration(params, ParamDetachTime, bad)
	if v, ok := params[ParamPool]; ok {
		c.Pool = v
	}
	if v, ok := params[ParamPoolCapacity]; ok {
		n, err := ParseQuantity(v)
		if err != nil {
			bad(ParamPoolCapacity, "%v", err)
		}
		c.PoolCapacity = n
	}
	c.UID = integer(params, ParamUID, -1, bad)
	c.GID = integer(params, ParamGID, -1, bad)
	if v, ok := params[ParamDirPerms]; ok {
		n, err := strconv.ParseUint(v, 8, 32)
		if err != nil || n > 0o7777 {
			bad(ParamDirPerms, "want octal permissions such as 700")
		}
		c.DirPerms = os.FileMode(n)
	}
	return c, errors.Join(errs...)
}

var knownClassParams = map[string]bool{
	ParamProfile: true, ParamRestoreProfile: true, ParamIOPSPerGiB: true, ParamMinIOPS: true,
	ParamMaxIOPS: true, ParamProvisionTime: true, ParamAttachTime: true, ParamDetachTime: true,
	ParamPool: true, ParamPoolCapacity: true, ParamUID: true, ParamGID: true, ParamDirPerms: true,
}

// scaleIOPS sets the baseline IOPS from the size, as gp2's are: per GiB,
// between a minimum and a maximum; the burst and its credits stay the
// profile's. It tells whether it scaled them.
func (c *Class) scaleIOPS(params map[string]string, capacityBytes int64, bad func(string, string, ...any)) bool {
	v, ok := params[ParamIOPSPerGiB]
	if !ok {
		return false
	}
	per, err := strconv.ParseFloat(v, 64)
	if err != nil || per <= 0 {
		bad(ParamIOPSPerGiB, "want a positive number")
		return false
	}
	lo := integer(params, ParamMinIOPS, 0, bad)
	hi := integer(params, ParamMaxIOPS, math.MaxInt32, bad)
	iops := int64(per * float64(capacityBytes) / gib)
	c.Profile.IOPS.BaselinePerS = min(max(iops, int64(lo)), int64(hi))
	c.Profile.Name = fmt.Sprintf("%s-%dgi", strings.TrimSuffix(c.Profile.Name, "-8gi"), (capacityBytes+gib-1)/gib)
	return true
}

// SnapshotClass is what a VolumeSnapshotClass's parameters ask.
type SnapshotClass struct {
	// Ready is how long after it is taken a snapshot is ready to use.
	Ready time.Duration
}

// ParseSnapshotClass reads a VolumeSnapshotClass's parameters.
func ParseSnapshotClass(params map[string]string) (SnapshotClass, error) {
	var errs []error
	bad := func(key, format string, args ...any) {
		errs = append(errs, fmt.Errorf("parameter %s=%q: %s", key, params[key], fmt.Sprintf(format, args...)))
	}
	for _, k := range slices.Sorted(maps.Keys(params)) {
		if k != ParamSnapshotTime {
			bad(k, "unknown parameter; known: %s", ParamSnapshotTime)
		}
	}
	return SnapshotClass{Ready: duration(params, ParamSnapshotTime, bad)}, errors.Join(errs...)
}

func duration(params map[string]string, key string, bad func(string, string, ...any)) time.Duration {
	v, ok := params[key]
	if !ok {
		return 0
	}
	d, err := time.ParseDuration(v)
	if err != nil || d < 0 {
		bad(key, "want a duration such as 2.8s")
		return 0
	}
	return d
}

func integer(params map[string]string, key string, def int, bad func(string, string, ...any)) int {
	v, ok := params[key]
	if !ok {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		bad(key, "want a non-negative integer")
		return def
	}
	return n
}

// ParseQuantity reads a whole number of bytes as Kubernetes spells it
// ("100Gi", "500M", "1048576"), with the API server's own parser.
func ParseQuantity(s string) (int64, error) {
	q, err := resource.ParseQuantity(s)
	if err != nil || q.Sign() < 0 {
		return 0, fmt.Errorf("want a size such as 100Gi, got %q", s)
	}
	n := q.Value() // rounded up
	if q.Cmp(*resource.NewQuantity(n, resource.BinarySI)) != 0 {
		return 0, fmt.Errorf("want a whole number of bytes such as 100Gi, got %q", s)
	}
	return n, nil
}
