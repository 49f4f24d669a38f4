package volume

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/jsbench/jsbench/bench/lifecycle/cleanup"
)

// pathKind is storage the user mounted already (NFS, SMB, a CSI volume,
// an EBS disk), given as a directory: each run gets a fresh home-<run id>
// inside it, and the mount it sits on is recorded. Unlike local's dir:,
// the directory must exist, and fstype: can insist on a file system type,
// so that a missing mount fails the run instead of measuring the disk
// below the mount point:
//
//	kind: path
//	dir: /mnt/filer/jenkins-bench   # required, absolute or relative to the working directory
//	fstype: nfs4,nfs                # optional: accepted file system types
type pathKind struct{}

type pathVolume struct {
	name    string
	dir     string
	fstypes []string
}

func (pathKind) Configure(name string, opts *Options) Volume {
	v := &pathVolume{name: name, dir: requiredString(opts, "dir", "a directory on the storage to measure, mounted beforehand")}
	if fstype := opts.String("fstype", ""); fstype != "" {
		v.fstypes = splitOptions(fstype)
	}
	return v
}

func (v *pathVolume) Name() string { return v.name }
func (v *pathVolume) Kind() string { return "path" }

func (v *pathVolume) Params() map[string]string {
	params := map[string]string{"dir": v.dir}
	if len(v.fstypes) > 0 {
		params["fstype"] = strings.Join(v.fstypes, ",")
	}
	return params
}

func (v *pathVolume) Prepare(ctx context.Context, env Env, stack *cleanup.Stack) (Prepared, error) {
	info, err := os.Stat(v.dir)
	if err != nil {
		return Prepared{}, fmt.Errorf("path volume %q: %w (mount the storage there first)", v.name, err)
	}
	if !info.IsDir() {
		return Prepared{}, fmt.Errorf("path volume %q: %q is not a directory", v.name, v.dir)
	}
	facts := mountFacts(v.dir)
	if len(v.fstypes) > 0 && !slices.Contains(v.fstypes, facts["fstype"]) {
		return Prepared{}, fmt.Errorf("path volume %q: %q is on %s %q mounted at %q, want %s: is the storage mounted?",
			v.name, v.dir, facts["fstype"], facts["source"], facts["mountpoint"], strings.Join(v.fstypes, " or "))
	}
	dir, err := makeHomeDir(v.dir, env, stack)
	if err != nil {
		return Prepared{}, err
	}
	facts = mountFacts(dir)
	if facts != nil {
		facts["network"] = fmt.Sprint(networkFS(facts["fstype"]))
	}
	return Prepared{HostDir: dir, Facts: facts}, nil
}

// networkFileSystems are the file system types that reach storage over
// the network, so that a report can tell a path on local disk apart.
var networkFileSystems = map[string]bool{
	"nfs": true, "nfs4": true, "cifs": true, "smb3": true, "ceph": true, "glusterfs": true,
	"lustre": true, "9p": true, "afs": true, "gpfs": true, "beegfs": true, "fuse.sshfs": true,
	"fuse.s3fs": true, "fuse.gcsfuse": true, "fuse.rclone": true, "fuse.juicefs": true,
	"fuse.glusterfs": true, "fuse.ceph-fuse": true, "fuse.blobfuse2": true,
}

func networkFS(fstype string) bool { return networkFileSystems[fstype] }
