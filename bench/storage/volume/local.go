package volume

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/jsbench/jsbench/bench/lifecycle/cleanup"
)

// localKind is a fresh directory on the host's local disk per run,
// bind-mounted as JENKINS_HOME: the hostPath / local-PV case.
type localKind struct{}

type localVolume struct {
	name string
	// parent is where per-run directories go; empty means the suite's
	// work directory.
	parent string
	// owner, when set, is who the home belongs to instead of the
	// subject's user: a hostPath directory the kubelet or an admin made
	// as root (owner: "0:0").
	owner *Owner
	// readOnly mounts the home read-only, as a volume with readOnly: true.
	readOnly bool
}

func (localKind) Configure(name string, opts *Options) Volume {
	v := &localVolume{name: name, parent: opts.String("dir", ""), readOnly: opts.Bool("read_only", false)}
	if s := opts.String("owner", ""); s != "" {
		owner, err := parseOwner(s)
		if err != nil {
			opts.Problemf("owner", s, "want uid:gid in numbers such as 0:0")
		}
		v.owner = owner
	}
	return v
}

// parseOwner reads "uid:gid".
func parseOwner(s string) (*Owner, error) {
	u, g, ok := strings.Cut(s, ":")
	uid, err1 := strconv.Atoi(u)
	gid, err2 := strconv.Atoi(g)
	if !ok || err1 != nil || err2 != nil || uid < 0 || gid < 0 {
		return nil, fmt.Errorf("owner %q is not uid:gid", s)
	}
	return &Owner{UID: uid, GID: gid}, nil
}

func (v *localVolume) Name() string { return v.name }
func (v *localVolume) Kind() string { return "local" }

func (v *localVolume) Params() map[string]string {
	params := map[string]string{}
	if v.parent != "" {
		params["dir"] = v.parent
	}
	if v.owner != nil {
		params["owner"] = fmt.Sprintf("%d:%d", v.owner.UID, v.owner.GID)
	}
	if v.readOnly {
		params["read_only"] = "true"
	}
	if len(params) == 0 {
		return nil
	}
	return params
}

func (v *localVolume) Prepare(ctx context.Context, env Env, stack *cleanup.Stack) (Prepared, error) {
	parent := v.parent
	if parent == "" {
		parent = env.WorkDir
	}
	if v.owner != nil {
		env.UID, env.GID = v.owner.UID, v.owner.GID
	}
	dir, err := makeHomeDir(parent, env, stack)
	if err != nil {
		return Prepared{}, err
	}
	return Prepared{HostDir: dir, Facts: mountFacts(dir), Owner: v.owner, ReadOnly: v.readOnly}, nil
}

// makeHomeDir creates parent/home-<run id>, owned by env's UID and GID
// when running as root, and registers its removal.
func makeHomeDir(parent string, env Env, stack *cleanup.Stack) (string, error) {
	dir := filepath.Join(parent, "home-"+env.RunID)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("create home directory: %w", err)
	}
	stack.Push("home directory "+dir, func(context.Context) error { return os.RemoveAll(dir) })
	if os.Geteuid() == 0 {
		if err := os.Chown(dir, env.UID, env.GID); err != nil {
			return "", fmt.Errorf("give home directory %q to %d:%d: %w", dir, env.UID, env.GID, err)
		}
	}
	return dir, nil
}
