package volume

import (
	"context"
	"fmt"
	"maps"
	"path/filepath"
	"strings"
	"time"

	"github.com/jsbench/jsbench/bench/lifecycle/cleanup"
	"github.com/jsbench/jsbench/bench/storage/homemount"
	"github.com/jsbench/jsbench/bench/storage/snapshot"
)

// snapshotKind is a home restored from a backup archive onto another
// kind of volume, as after a lost node: the restore is timed apart from
// startup (RestoreMS).
//
//	kind: snapshot
//	source: s3://backups/jenkins-home.tar.zst   # a file path, http(s):// URL or s3://bucket/key
//	target:                                     # the storage restored onto; default local
//	  kind: emulated
//	  profile: ebs-snapshot-lazy
//	max_bytes: 20Gi                             # optional: most the restore may write
//	keep_privileges: false                      # optional: keep setuid/setgid bits
//	backup_every: 24h                           # optional: how often the backup is taken
//
// backup_every says how old the restored backup is when a controller
// needs it: a failure lands anywhere between two backups, so a restore
// loses on average half of it and at most all of it (the changes since
// the last backup). Reports show that loss beside the recovery time.
// S3 is reached with the usual AWS environment (AWS_ACCESS_KEY_ID,
// AWS_SECRET_ACCESS_KEY, AWS_REGION, AWS_ENDPOINT_URL_S3). A relative
// file path is relative to the working directory. The target must give a
// host directory: an NFS or EFS target needs mount: host.
type snapshotKind struct{}

// ParamBackupEvery is the parameter a snapshot volume records its
// backup interval under (a Go duration, "24h0m0s").
const ParamBackupEvery = "backup_every"

type snapshotVolume struct {
	name   string
	source snapshot.Source
	target Volume
	// maxBytes and keepPrivileges bound the restore (restoreOptions).
	maxBytes       int64
	keepPrivileges bool
	// backupEvery is the backup interval, 0 when the scenario gives none.
	backupEvery time.Duration
}

// restoreMarker is implemented by targets that treat restored files
// differently from written ones (an emulated volume with lazy blocks).
type restoreMarker interface {
	MarkRestored(Prepared) error
}

func (snapshotKind) Configure(name string, opts *Options) Volume {
	v := &snapshotVolume{name: name}
	if raw := requiredString(opts, "source", "a file path, an http(s):// URL or s3://bucket/key"); raw != "" {
		src, err := snapshot.ParseSource(raw)
		if err != nil {
			opts.Problemf("source", raw, "%v", err)
		}
		v.source = src
	}
	v.maxBytes, v.keepPrivileges = restoreOptions(opts)
	if v.backupEvery = opts.Duration("backup_every", 0); v.backupEvery < 0 {
		opts.Problemf("backup_every", v.backupEvery.String(), "want the interval between backups, such as 24h or 1h")
	}
	v.target = configureTarget(name, opts)
	return v
}

// configureTarget configures the target: mapping as a volume of its own
// kind, whose problems are reported below "target.".
func configureTarget(name string, opts *Options) Volume {
	target := opts.Sub("target")
	if target == nil {
		return localKind{}.Configure(name, NewOptions(nil))
	}
	kind := target.String("kind", "local")
	k, ok := kinds[kind]
	if kind == "snapshot" || !ok {
		target.Problemf("kind", kind, "want a storage kind to restore onto: %s", strings.Join(targetKinds(), ", "))
		return nil
	}
	return k.Configure(name, target)
}

func targetKinds() []string {
	var names []string
	for _, name := range Kinds() {
		if name != "snapshot" {
			names = append(names, name)
		}
	}
	return names
}

func (v *snapshotVolume) Name() string { return v.name }
func (v *snapshotVolume) Kind() string { return "snapshot" }

func (v *snapshotVolume) Params() map[string]string {
	params := map[string]string{"source": v.source.String(), "target.kind": v.target.Kind()}
	if v.maxBytes != 0 {
		params["max_bytes"] = fmt.Sprint(v.maxBytes)
	}
	if v.keepPrivileges {
		params["keep_privileges"] = "true"
	}
	if v.backupEvery > 0 {
		params[ParamBackupEvery] = v.backupEvery.String()
	}
	for key, value := range v.target.Params() {
		params["target."+key] = value
	}
	return params
}

// Prepare prepares the target, then streams the archive into its home.
func (v *snapshotVolume) Prepare(ctx context.Context, env Env, stack *cleanup.Stack) (Prepared, error) {
	prepared, err := v.target.Prepare(ctx, env, stack)
	if err != nil {
		return Prepared{}, err
	}
	if env.DeferRestore {
		return v.deferRestore(prepared, env)
	}
	if prepared.HostDir == "" {
		return Prepared{}, fmt.Errorf("snapshot volume %q: target kind %q gives no host directory to restore into (use mount: host for nfs and efs targets)", v.name, v.target.Kind())
	}
	stats, err := snapshot.Restore(ctx, v.source, prepared.HostDir, snapshot.RestoreOptions{
		UID: env.UID, GID: env.GID, MaxBytes: v.maxBytes, KeepPrivileges: v.keepPrivileges})
	if err != nil {
		return Prepared{}, fmt.Errorf("snapshot volume %q: %w", v.name, err)
	}
	if marker, ok := v.target.(restoreMarker); ok {
		if err := marker.MarkRestored(prepared); err != nil {
			return Prepared{}, fmt.Errorf("snapshot volume %q: %w", v.name, err)
		}
	}
	prepared.RestoreMS = stats.TotalMS
	prepared.Facts = restoreFacts(prepared.Facts, stats)
	return prepared, nil
}

// restoreFacts adds what the restore found to the target's facts.
func restoreFacts(target map[string]string, stats snapshot.Stats) map[string]string {
	facts := stats.Facts()
	maps.Copy(facts, target)
	return facts
}

// OpStats counts the operations on the home of an emulated target
// (volume.Counted).
func (v *snapshotVolume) OpStats(p Prepared) (map[string]OpCount, bool) {
	if c, ok := v.target.(Counted); ok {
		return c.OpStats(p)
	}
	return nil, false
}

// NewClient starts the client side of an emulated target over
// (volume.Remounted); other targets have none.
func (v *snapshotVolume) NewClient(p Prepared) error {
	if r, ok := v.target.(Remounted); ok {
		return r.NewClient(p)
	}
	return nil
}

// deferRestore describes the restore for the runtime to make (a
// Kubernetes init container) onto the prepared target. A file source is
// read on the node, by its absolute path.
func (v *snapshotVolume) deferRestore(prepared Prepared, env Env) (Prepared, error) {
	source := v.source.String()
	if !strings.Contains(source, "://") {
		abs, err := filepath.Abs(source)
		if err != nil {
			return Prepared{}, fmt.Errorf("snapshot volume %q: %w", v.name, err)
		}
		source = abs
	}
	prepared.Restore = &homemount.Restore{Source: source, UID: env.UID, GID: env.GID}
	if prepared.Facts == nil {
		prepared.Facts = map[string]string{}
	}
	prepared.Facts["restore_by"] = "init container"
	return prepared, nil
}
