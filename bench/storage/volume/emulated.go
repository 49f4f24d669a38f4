package volume

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/jsbench/jsbench/bench/lifecycle/cleanup"
	"github.com/jsbench/jsbench/bench/storage/emufs"
)

// emulatedKind is a FUSE file system over a local directory that delays
// every operation as a storage profile says (NFS, EFS, EBS, …): the way
// to measure network and block storage on one machine. The profile is a
// shipped name (profile: nfs-lan) or a mapping (profile: {base: nfs-lan,
// metadata: {median: 2ms}}); see bench/storage/emufs/PROFILES.md.
type emulatedKind struct{}

type emulatedVolume struct {
	name    string
	parent  string
	profile emufs.Profile
	// seed fixes the jitter; zero derives it from each run's id.
	seed int
	// mu guards servers: the mounts of the runs not yet released, by
	// home directory, for MarkRestored.
	mu      sync.Mutex
	servers map[string]*emufs.Server
}

func (emulatedKind) Configure(name string, opts *Options) Volume {
	v := &emulatedVolume{
		name:    name,
		parent:  opts.String("dir", ""),
		seed:    opts.Int("seed", 0),
		servers: map[string]*emufs.Server{},
	}
	v.profile = profileOption(name, opts)
	return v
}

func (v *emulatedVolume) Name() string { return v.name }
func (v *emulatedVolume) Kind() string { return "emulated" }

func (v *emulatedVolume) Params() map[string]string {
	params := map[string]string{"profile": v.profile.Name}
	if v.parent != "" {
		params["dir"] = v.parent
	}
	if v.seed != 0 {
		params["seed"] = strconv.Itoa(v.seed)
	}
	return params
}

// Prepare mounts the profile over a fresh backing directory. The
// releases run unmount first, then remove the directories.
func (v *emulatedVolume) Prepare(ctx context.Context, env Env, stack *cleanup.Stack) (Prepared, error) {
	parent := v.parent
	if parent == "" {
		parent = env.WorkDir
	}
	base := filepath.Join(parent, "emulated-"+env.RunID)
	backing, home := filepath.Join(base, "backing"), filepath.Join(base, "home")
	if err := os.MkdirAll(base, 0o755); err != nil {
		return Prepared{}, fmt.Errorf("create emulated volume directory: %w", err)
	}
	stack.Push("emulated volume directory "+base, func(context.Context) error { return os.RemoveAll(base) })
	if err := makeDirs(env, backing, home); err != nil {
		return Prepared{}, err
	}
	srv, err := emufs.Mount(home, backing, v.profile, v.mountOptions(env)...)
	if err != nil {
		return Prepared{}, fmt.Errorf("emulated volume %q: %w", v.name, err)
	}
	v.track(home, srv)
	stack.Push("emulated volume mount "+home, func(context.Context) error {
		v.track(home, nil)
		return srv.Unmount()
	})
	// The home is written to the backing directory: it is at rest on the
	// server before the controller starts, not written by this client.
	facts := v.facts(home, env)
	facts["data_path"] = string(srv.DataPath())
	facts["fuse_round_trip_us"] = strconv.FormatInt(srv.Compensation().Microseconds(), 10)
	return Prepared{HostDir: home, PopulateDir: backing, Facts: facts}, nil
}

// track remembers (or, given nil, forgets) the mount serving home.
func (v *emulatedVolume) track(home string, srv *emufs.Server) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if srv == nil {
		delete(v.servers, home)
		return
	}
	v.servers[home] = srv
}

// makeDirs creates the backing directory, owned by env's user so that
// the subject can write its home, and the mount point.
func makeDirs(env Env, backing, home string) error {
	for _, dir := range []string{backing, home} {
		if err := os.Mkdir(dir, 0o755); err != nil {
			return fmt.Errorf("create %q: %w", dir, err)
		}
	}
	if os.Geteuid() == 0 {
		if err := os.Chown(backing, env.UID, env.GID); err != nil {
			return fmt.Errorf("give backing directory %q to %d:%d: %w", backing, env.UID, env.GID, err)
		}
	}
	return nil
}

func (v *emulatedVolume) mountOptions(env Env) []emufs.Option {
	opts := []emufs.Option{emufs.WithSeed(v.runSeed(env.RunID))}
	if os.Geteuid() == 0 || env.UID != os.Geteuid() {
		opts = append(opts, emufs.WithAllowOther())
	}
	return opts
}

// runSeed gives every run its own but reproducible jitter.
func (v *emulatedVolume) runSeed(runID string) uint64 {
	if v.seed != 0 {
		return uint64(v.seed)
	}
	h := fnv.New64a()
	h.Write([]byte(runID))
	return h.Sum64()
}

func (v *emulatedVolume) facts(home string, env Env) map[string]string {
	facts := mountFacts(home)
	if facts == nil {
		facts = map[string]string{}
	}
	facts["profile"] = v.profile.Name
	facts["seed"] = strconv.FormatUint(v.runSeed(env.RunID), 10)
	if spec, err := json.Marshal(v.profile); err == nil {
		facts["profile_spec"] = string(spec)
	}
	return facts
}

// MarkRestored makes everything now in the home count as restored from a
// snapshot (see emufs.Server.MarkRestored): a volume restored through the
// mount (kind snapshot) calls it before the subject starts, so that an
// ebs-snapshot-lazy volume fetches every block on first touch.
func (v *emulatedVolume) MarkRestored(p Prepared) error {
	v.mu.Lock()
	srv, ok := v.servers[p.HostDir]
	v.mu.Unlock()
	if !ok {
		return fmt.Errorf("mark %q restored: not an emulated volume of this run", p.HostDir)
	}
	srv.MarkRestored()
	return nil
}

// NewClient makes the mount of a prepared home a client that has just
// mounted the volume (see emufs.Server.NewClient): the runner calls it
// when a new controller replaces the last on the same home, as the new
// pod's kubelet or the new container's volume driver would mount it
// (volume.Remounted).
func (v *emulatedVolume) NewClient(p Prepared) error {
	v.mu.Lock()
	srv, ok := v.servers[p.HostDir]
	v.mu.Unlock()
	if !ok {
		return fmt.Errorf("start a new client on %q: not an emulated volume of this run", p.HostDir)
	}
	srv.NewClient()
	return nil
}

// profileOption reads the profile option: a shipped profile's name or a
// mapping describing a custom one.
func profileOption(volumeName string, opts *Options) emufs.Profile {
	switch opts.values["profile"].(type) {
	case nil:
		opts.Problemf("profile", "", "want a profile: one of %s, or a mapping (see bench/storage/emufs/PROFILES.md)", strings.Join(emufs.Names(), ", "))
		return emufs.Profile{}
	case map[string]any:
		return customProfile(volumeName, opts.Sub("profile"))
	}
	name := opts.String("profile", "")
	p, err := emufs.ByName(name)
	if err != nil {
		opts.Problemf("profile", name, "unknown profile; known profiles: %s", strings.Join(emufs.Names(), ", "))
	}
	return p
}

// OpStats returns what the emulated file system of a prepared home has
// served so far: each operation's count and injected latency
// (volume.Counted).
func (v *emulatedVolume) OpStats(p Prepared) (map[string]OpCount, bool) {
	v.mu.Lock()
	srv, ok := v.servers[p.HostDir]
	v.mu.Unlock()
	if !ok {
		return nil, false
	}
	out := map[string]OpCount{}
	for name, op := range srv.Stats().Ops {
		out[name] = OpCount{Count: op.Count, Injected: op.Injected()}
	}
	return out, true
}
