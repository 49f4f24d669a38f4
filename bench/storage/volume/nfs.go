package volume

import (
	"context"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/jsbench/jsbench/bench/lifecycle/cleanup"
	"github.com/jsbench/jsbench/bench/storage/homemount"
)

// nfsKind is an NFS export, the shared storage most Jenkins controllers
// that survive a node loss keep their home on:
//
//	kind: nfs
//	server: filer.example.com     # required
//	export: /jenkins              # required, absolute
//	version: 4.1                  # 3, 4, 4.1 or 4.2
//	preset: cloudbees             # cloudbees, efs or none
//	options: rsize=65536,actimeo=1   # added to, or replacing, the preset's
//	subdir_per_run: true          # a fresh home-<run id> below export per run
//	mount: docker                 # docker: Docker's local driver mounts it
//	                              # host: jsbench mounts it (process runs)
//
// With mount: docker a container run gets a named Docker volume of the
// local driver (type=nfs), mounted by the Docker daemon's host. A fresh
// subdirectory per run must exist on the server before Docker mounts it,
// so jsbench mounts the export briefly on this host to create it, and
// again after the run to delete it: that needs root and the kernel's NFS
// client. Without root, set subdir_per_run: false and point export: at
// an empty directory that you reset between runs. With mount: host
// jsbench mounts the export itself (root needed) and the home is a host
// directory, which process runs and snapshot targets need.
//
// The kernel is given the options as Docker's local driver gives them
// (mount(2), no mount.nfs helper): with version 3, add nolock unless
// rpc.statd runs on this host.
type nfsKind struct{}

// nfsVolume is an NFS (or EFS) export with its mount options.
type nfsVolume struct {
	name, kind string
	server     string
	export     string
	version    string
	options    []string // mount options besides addr and nfsvers
	perRun     bool
	hostMount  bool
	// params are the configured options as recorded with results.
	params map[string]string
	// facts are added to what Prepare finds (EFS access point notes).
	facts map[string]string
}

func (nfsKind) Configure(name string, opts *Options) Volume {
	v := &nfsVolume{name: name, kind: "nfs"}
	v.server = requiredString(opts, "server", "the NFS server's host name or address")
	v.export = exportOption(opts, "")
	v.version = nfsVersionOption(opts)
	preset := opts.String("preset", "cloudbees")
	presetOptions, ok := nfsPresets[preset]
	if !ok {
		opts.Problemf("preset", preset, "want one of %s", strings.Join(presetNames(), ", "))
	}
	v.configureCommon(opts, presetOptions)
	v.params["preset"] = preset
	return v
}

// exportOption reads export: an absolute path on the server.
func exportOption(opts *Options, def string) string {
	var export string
	if def == "" {
		export = requiredString(opts, "export", "the exported directory, such as /jenkins")
	} else {
		export = opts.String("export", def)
	}
	if export != "" && !path.IsAbs(export) {
		opts.Problemf("export", export, "want an absolute path on the server, such as /jenkins")
	}
	return path.Clean("/" + export)
}

// configureCommon reads the options NFS and EFS share and fills params.
func (v *nfsVolume) configureCommon(opts *Options, presetOptions string) {
	extra := opts.String("options", "")
	merged, err := mergeMountOptions(presetOptions, extra)
	if err != nil {
		opts.Problemf("options", extra, "%v", err)
	}
	v.options = merged
	v.perRun = boolOption(opts, "subdir_per_run", true)
	mount := opts.String("mount", "docker")
	if mount != "docker" && mount != "host" {
		opts.Problemf("mount", mount, "want docker (Docker's local driver mounts it) or host (jsbench mounts it)")
	}
	v.hostMount = mount == "host"
	v.params = map[string]string{
		"server":         v.server,
		"export":         v.export,
		"version":        v.version,
		"mount_options":  v.mountData(v.server),
		"subdir_per_run": strconv.FormatBool(v.perRun),
		"mount":          mount,
	}
}

func presetNames() []string {
	names := make([]string, 0, len(nfsPresets))
	for name := range nfsPresets {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

func (v *nfsVolume) Name() string              { return v.name }
func (v *nfsVolume) Kind() string              { return v.kind }
func (v *nfsVolume) Params() map[string]string { return v.params }

// mountData is the option string of the mount: the server's address
// first, as Docker's local driver and the kernel expect it.
func (v *nfsVolume) mountData(addr string) string {
	return strings.Join(append([]string{"addr=" + addr, "nfsvers=" + v.version}, v.options...), ",")
}

// runDir is the export path of one run's home.
func (v *nfsVolume) runDir(env Env) string {
	if !v.perRun {
		return v.export
	}
	return path.Join(v.export, "home-"+env.RunID)
}

// dockerVolume describes the named volume Docker's local driver mounts,
// as `docker volume create --driver local --opt type=nfs --opt o=…
// --opt device=:/export/…` would. Docker resolves the server's name.
func (v *nfsVolume) dockerVolume(env Env) *homemount.DockerVolume {
	return &homemount.DockerVolume{
		Name: "jsbench-" + env.RunID,
		DriverOpts: map[string]string{
			"type":   "nfs",
			"o":      v.mountData(v.server),
			"device": ":" + v.runDir(env),
		},
	}
}

func (v *nfsVolume) Prepare(ctx context.Context, env Env, stack *cleanup.Stack) (Prepared, error) {
	if v.hostMount {
		return v.prepareHost(ctx, env, stack)
	}
	return v.prepareDocker(ctx, env, stack)
}
