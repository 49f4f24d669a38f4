package volume

import (
	"context"
	"fmt"
	"maps"
	"net"
	"os"
	"path/filepath"

	"github.com/jsbench/jsbench/bench/lifecycle/cleanup"
)

// prepareDocker returns the run's Docker volume, after creating its
// subdirectory on the server when each run gets one.
func (v *nfsVolume) prepareDocker(ctx context.Context, env Env, stack *cleanup.Stack) (Prepared, error) {
	if v.perRun {
		if err := v.makeRunDir(ctx, env, stack); err != nil {
			return Prepared{}, err
		}
	}
	dv := v.dockerVolume(env)
	facts := map[string]string{"docker_volume": dv.Name, "device": dv.DriverOpts["device"]}
	maps.Copy(facts, v.facts)
	return Prepared{DockerVolume: dv, Facts: facts}, nil
}

// makeRunDir mounts the export on this host for as long as it takes to
// create the run's directory, and registers its removal the same way.
func (v *nfsVolume) makeRunDir(ctx context.Context, env Env, stack *cleanup.Stack) error {
	sub := "home-" + env.RunID
	err := v.withExport(ctx, env, "setup", func(dir string) error {
		return mkdirOwned(filepath.Join(dir, sub), env)
	})
	if err != nil {
		return fmt.Errorf("%s volume %q: create the run's directory %q on the server: %w", v.kind, v.name, v.runDir(env), err)
	}
	stack.Push(v.kind+" run directory "+v.runDir(env), func(ctx context.Context) error {
		return v.withExport(ctx, env, "cleanup", func(dir string) error {
			return os.RemoveAll(filepath.Join(dir, sub))
		})
	})
	return nil
}

// withExport mounts the export on a scratch directory, calls fn with it
// and unmounts it again.
func (v *nfsVolume) withExport(ctx context.Context, env Env, purpose string, fn func(dir string) error) error {
	dir := filepath.Join(env.WorkDir, v.kind+"-"+purpose+"-"+env.RunID)
	if err := v.mountHost(ctx, dir); err != nil {
		return err
	}
	err := fn(dir)
	if unmountErr := unmountHost(dir); err == nil {
		err = unmountErr
	}
	return err
}

// prepareHost mounts the export below the work directory; the home is
// the mount itself or a fresh directory in it.
func (v *nfsVolume) prepareHost(ctx context.Context, env Env, stack *cleanup.Stack) (Prepared, error) {
	dir := filepath.Join(env.WorkDir, v.kind+"-"+env.RunID)
	if err := v.mountHost(ctx, dir); err != nil {
		return Prepared{}, fmt.Errorf("%s volume %q: %w", v.kind, v.name, err)
	}
	stack.Push(v.kind+" mount "+dir, func(context.Context) error { return unmountHost(dir) })
	home := dir
	if v.perRun {
		var err error
		if home, err = makeHomeDir(dir, env, stack); err != nil {
			return Prepared{}, err
		}
	}
	facts := mountFacts(home)
	if facts == nil {
		facts = map[string]string{}
	}
	maps.Copy(facts, v.facts)
	return Prepared{HostDir: home, Facts: facts}, nil
}

// mountHost mounts the export on dir with this host's kernel NFS client.
func (v *nfsVolume) mountHost(ctx context.Context, dir string) error {
	if os.Geteuid() != 0 {
		return fmt.Errorf("mount %s:%s on this host: needs root; run jsbench as root, or use mount: docker with subdir_per_run: false and an export you empty between runs", v.server, v.export)
	}
	addr, err := resolveServer(ctx, v.server)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create mount point: %w", err)
	}
	if err := mountNFS(":"+v.export, dir, v.mountData(addr)); err != nil {
		os.Remove(dir)
		return fmt.Errorf("mount %s:%s on %q with %q: %w", v.server, v.export, dir, v.mountData(addr), err)
	}
	return nil
}

func unmountHost(dir string) error {
	if err := unmountNFS(dir); err != nil {
		return fmt.Errorf("unmount %q: %w", dir, err)
	}
	return os.Remove(dir)
}

// resolveServer returns the server's address: mount(2) takes no names.
// IPv4 comes first, as mount.nfs prefers it.
func resolveServer(ctx context.Context, server string) (string, error) {
	if net.ParseIP(server) != nil {
		return server, nil
	}
	addrs, err := net.DefaultResolver.LookupIPAddr(ctx, server)
	if err != nil {
		return "", fmt.Errorf("resolve NFS server %q: %w", server, err)
	}
	best := addrs[0].IP
	for _, a := range addrs {
		if a.IP.To4() != nil {
			best = a.IP
			break
		}
	}
	return best.String(), nil
}

// mkdirOwned creates dir for the subject's user (when running as root).
func mkdirOwned(dir string, env Env) error {
	if err := os.Mkdir(dir, 0o755); err != nil {
		return err
	}
	if os.Geteuid() == 0 {
		return os.Chown(dir, env.UID, env.GID)
	}
	return nil
}
