package csidriver

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"slices"
	"sync"

	"github.com/container-storage-interface/spec/lib/go/csi"
	"golang.org/x/sys/unix"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/jsbench/jsbench/bench/storage/emufs"
)

// Node is the CSI Node service of one driver on one node: it mounts a
// volume's emufs instance at the kubelet's staging path (a mount of this
// node's own, with a cold cache, as a new client of network storage
// starts) and binds it into each pod that uses it.
type Node struct {
	csi.UnimplementedNodeServer
	Driver Driver
	Store  *Store
	// NodeID is the node's name; Zone its zone (BlockDriver only).
	NodeID, Zone string

	mu     sync.Mutex
	mounts map[string]*emufs.Server // by staging path
	// pods counts, by staging path, the pods a staged mount is published
	// to now, served whether it was ever published; published maps each
	// pod's target path to its staging path.
	pods      map[string]int
	served    map[string]bool
	published map[string]string
}

// NodeStageVolume mounts the volume's files through its profile at the
// staging path. A volume of the block driver must be attached to this
// node first: the kubelet waits for that, and a node it is not attached
// to is refused, as a device that is not there cannot be mounted.
func (n *Node) NodeStageVolume(ctx context.Context, req *csi.NodeStageVolumeRequest) (*csi.NodeStageVolumeResponse, error) {
	id, path := req.GetVolumeId(), req.GetStagingTargetPath()
	if id == "" || path == "" {
		return nil, status.Error(codes.InvalidArgument, "NodeStageVolume: volume ID and staging path are required")
	}
	v, err := n.Store.Volume(id)
	if err != nil {
		return nil, storeStatus("NodeStageVolume", err)
	}
	if n.Driver.Attach {
		nodes, err := n.Store.AttachedTo(id)
		if err != nil {
			return nil, storeStatus("NodeStageVolume", err)
		}
		if !slices.Contains(nodes, n.NodeID) {
			return nil, status.Errorf(codes.FailedPrecondition, "volume %s is not attached to node %s (attached to %v)", id, n.NodeID, nodes)
		}
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.mounts == nil {
		n.mounts = map[string]*emufs.Server{}
	}
	if _, ok := n.mounts[path]; ok {
		return &csi.NodeStageVolumeResponse{}, nil
	}
	if err := os.MkdirAll(path, 0o750); err != nil {
		return nil, status.Errorf(codes.Internal, "NodeStageVolume: %v", err)
	}
	if mounted(path) { // a mount of an earlier run of this plugin, dead with it
		_ = unix.Unmount(path, unix.MNT_DETACH)
	}
	srv, err := emufs.Mount(path, n.Store.VolumeData(id), v.Profile, emufs.WithAllowOther(), emufs.WithSeed(seedOf(id, n.NodeID)))
	if err != nil {
		return nil, status.Errorf(codes.Internal, "NodeStageVolume: %v", err)
	}
	n.mounts[path] = srv
	return &csi.NodeStageVolumeResponse{}, nil
}

// seedOf draws each node's delays for a volume from a seed of its own.
func seedOf(volume, node string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(volume + "/" + node))
	return h.Sum64()
}

// NodeUnstageVolume unmounts the volume's emufs instance.
func (n *Node) NodeUnstageVolume(ctx context.Context, req *csi.NodeUnstageVolumeRequest) (*csi.NodeUnstageVolumeResponse, error) {
	path := req.GetStagingTargetPath()
	n.mu.Lock()
	srv, ok := n.mounts[path]
	delete(n.mounts, path)
	delete(n.served, path)
	delete(n.pods, path)
	n.mu.Unlock()
	var err error
	if ok {
		err = srv.Unmount()
	} else if mounted(path) {
		err = unix.Unmount(path, unix.MNT_DETACH)
	}
	if err != nil {
		return nil, status.Errorf(codes.Internal, "NodeUnstageVolume %s: %v", path, err)
	}
	return &csi.NodeUnstageVolumeResponse{}, nil
}

// NodePublishVolume binds the staged mount into the pod's directory.
func (n *Node) NodePublishVolume(ctx context.Context, req *csi.NodePublishVolumeRequest) (*csi.NodePublishVolumeResponse, error) {
	staging, target := req.GetStagingTargetPath(), req.GetTargetPath()
	if staging == "" || target == "" {
		return nil, status.Error(codes.InvalidArgument, "NodePublishVolume: staging and target paths are required")
	}
	if !mounted(staging) {
		return nil, status.Errorf(codes.FailedPrecondition, "NodePublishVolume: %s is not staged at %s", req.GetVolumeId(), staging)
	}
	if err := os.MkdirAll(target, 0o750); err != nil {
		return nil, status.Errorf(codes.Internal, "NodePublishVolume: %v", err)
	}
	if mounted(target) {
		return &csi.NodePublishVolumeResponse{}, nil
	}
	if err := unix.Mount(staging, target, "", unix.MS_BIND, ""); err != nil {
		return nil, status.Errorf(codes.Internal, "NodePublishVolume: bind %s to %s: %v", staging, target, err)
	}
	n.coldIfIdle(staging, target)
	if req.GetReadonly() {
		if err := unix.Mount("", target, "", unix.MS_BIND|unix.MS_REMOUNT|unix.MS_RDONLY, ""); err != nil {
			return nil, status.Errorf(codes.Internal, "NodePublishVolume: make %s read-only: %v", target, err)
		}
	}
	return &csi.NodePublishVolumeResponse{}, nil
}

// coldIfIdle records that target now holds staging's mount. A pod that
// gets a staged mount no other pod on this node holds is a new client of
// the storage: NFS and EFS clients mount the export anew for it, with an
// empty cache. Pods that share the mount at the same time share one
// cache, as a real client's concurrent mounts of one export do. A mount
// staged just now is cold already.
func (n *Node) coldIfIdle(staging, target string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.pods == nil {
		n.pods, n.served, n.published = map[string]int{}, map[string]bool{}, map[string]string{}
	}
	if _, again := n.published[target]; again {
		return
	}
	if srv, ok := n.mounts[staging]; ok && n.pods[staging] == 0 && n.served[staging] {
		srv.NewClient()
	}
	n.pods[staging]++
	n.served[staging] = true
	n.published[target] = staging
}

// NodeUnpublishVolume removes the pod's bind mount.
func (n *Node) NodeUnpublishVolume(ctx context.Context, req *csi.NodeUnpublishVolumeRequest) (*csi.NodeUnpublishVolumeResponse, error) {
	target := req.GetTargetPath()
	n.mu.Lock()
	if staging, ok := n.published[target]; ok {
		n.pods[staging]--
		delete(n.published, target)
	}
	n.mu.Unlock()
	if mounted(target) {
		if err := unix.Unmount(target, 0); err != nil {
			if err := unix.Unmount(target, unix.MNT_DETACH); err != nil {
				return nil, status.Errorf(codes.Internal, "NodeUnpublishVolume %s: %v", target, err)
			}
		}
	}
	if err := os.Remove(target); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, status.Errorf(codes.Internal, "NodeUnpublishVolume: %v", err)
	}
	return &csi.NodeUnpublishVolumeResponse{}, nil
}

// NodeGetInfo names the node and, for the block driver, its zone: the
// provisioner puts a volume in the zone of the node its pod was
// scheduled to, and the PV's node affinity keeps later pods there.
func (n *Node) NodeGetInfo(context.Context, *csi.NodeGetInfoRequest) (*csi.NodeGetInfoResponse, error) {
	out := &csi.NodeGetInfoResponse{NodeId: n.NodeID}
	if n.Driver.Attach && n.Zone != "" {
		out.AccessibleTopology = &csi.Topology{Segments: map[string]string{ZoneKey: n.Zone}}
	}
	return out, nil
}

// NodeGetCapabilities says volumes are staged once per node, then
// published per pod.
func (n *Node) NodeGetCapabilities(context.Context, *csi.NodeGetCapabilitiesRequest) (*csi.NodeGetCapabilitiesResponse, error) {
	return &csi.NodeGetCapabilitiesResponse{Capabilities: []*csi.NodeServiceCapability{{
		Type: &csi.NodeServiceCapability_Rpc{Rpc: &csi.NodeServiceCapability_RPC{Type: csi.NodeServiceCapability_RPC_STAGE_UNSTAGE_VOLUME}},
	}}}, nil
}

// UnmountAll unmounts every staged volume, when the plugin stops: a FUSE
// mount cannot outlive its server.
func (n *Node) UnmountAll() error {
	n.mu.Lock()
	defer n.mu.Unlock()
	var errs []error
	for path, srv := range n.mounts {
		if err := srv.Unmount(); err != nil {
			errs = append(errs, fmt.Errorf("unmount %s: %w", path, err))
		}
		delete(n.mounts, path)
	}
	return errors.Join(errs...)
}

// mounted tells a mount point, from the mount table.
func mounted(path string) bool {
	data, err := os.ReadFile("/proc/self/mountinfo")
	if err != nil {
		return false
	}
	return mountPointIn(string(data), path)
}

// MountStats is what the emufs instance staged at staging served, false
// when nothing of this plugin is staged there.
func (n *Node) MountStats(staging string) (emufs.Stats, bool) {
	n.mu.Lock()
	defer n.mu.Unlock()
	srv, ok := n.mounts[staging]
	if !ok {
		return emufs.Stats{}, false
	}
	return srv.Stats(), true
}
