package csidriver

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/container-storage-interface/spec/lib/go/csi"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/jsbench/jsbench/bench/storage/emufs"
)

// defaultCapacity is a volume's size when the claim asks for none.
const defaultCapacity = 1 << 30

// Controller is the CSI Controller service of one driver: volumes and
// snapshots in a Store, attachments recorded there, each step taking as
// long as the class says.
type Controller struct {
	csi.UnimplementedControllerServer
	Driver Driver
	Store  *Store
}

// CreateVolume provisions a volume: a directory (a copy of a snapshot
// for a restore) after the class's provision time.
func (c *Controller) CreateVolume(ctx context.Context, req *csi.CreateVolumeRequest) (*csi.CreateVolumeResponse, error) {
	if req.GetName() == "" {
		return nil, status.Error(codes.InvalidArgument, "CreateVolume: no name")
	}
	single, err := c.checkCapabilities(req.GetVolumeCapabilities())
	if err != nil {
		return nil, err
	}
	size := req.GetCapacityRange().GetRequiredBytes()
	if size == 0 {
		size = defaultCapacity
	}
	class, err := ParseClass(req.GetParameters(), size)
	if err != nil {
		return nil, status.Errorf(codes.InvalidArgument, "StorageClass of %s: %v", c.Driver.Name, err)
	}
	v := Volume{ID: req.GetName(), Driver: c.Driver.Name, CapacityBytes: size, Pool: class.Pool,
		Profile: class.Profile, SingleNode: single,
		AttachTime: emufs.Duration(class.Attach), DetachTime: emufs.Duration(class.Detach)}
	if snap := req.GetVolumeContentSource().GetSnapshot(); snap != nil {
		v.Snapshot = snap.GetSnapshotId()
		if class.RestoreProfile != nil {
			v.Profile = *class.RestoreProfile
		}
	} else if req.GetVolumeContentSource() != nil {
		return nil, status.Error(codes.InvalidArgument, "CreateVolume: only a snapshot can be a volume's source")
	}
	if c.Driver.Attach {
		v.Zone = zoneOf(req.GetAccessibilityRequirements())
	}
	if err := wait(ctx, class.Provision); err != nil {
		return nil, err
	}
	v, err = c.Store.CreateVolume(NewVolume{Volume: v, Class: class}, time.Now())
	if err != nil {
		return nil, storeStatus("CreateVolume", err)
	}
	return &csi.CreateVolumeResponse{Volume: c.csiVolume(v, req.GetVolumeContentSource())}, nil
}

func (c *Controller) csiVolume(v Volume, src *csi.VolumeContentSource) *csi.Volume {
	out := &csi.Volume{VolumeId: v.ID, CapacityBytes: v.CapacityBytes, ContentSource: src,
		VolumeContext: map[string]string{ParamProfile: v.Profile.Name}}
	if v.Zone != "" {
		out.AccessibleTopology = []*csi.Topology{{Segments: map[string]string{ZoneKey: v.Zone}}}
	}
	return out
}

// checkCapabilities refuses what the driver's real counterpart refuses
// (EBS: a volume on several nodes) and tells a single-node access mode.
func (c *Controller) checkCapabilities(caps []*csi.VolumeCapability) (single bool, err error) {
	if len(caps) == 0 {
		return false, status.Error(codes.InvalidArgument, "no volume capabilities")
	}
	single = true
	for _, vc := range caps {
		if vc.GetBlock() != nil {
			return false, status.Errorf(codes.InvalidArgument, "%s serves file systems, not raw block volumes (volumeMode: Block)", c.Driver.Name)
		}
		switch m := vc.GetAccessMode().GetMode(); m {
		case csi.VolumeCapability_AccessMode_SINGLE_NODE_WRITER, csi.VolumeCapability_AccessMode_SINGLE_NODE_READER_ONLY,
			csi.VolumeCapability_AccessMode_SINGLE_NODE_SINGLE_WRITER, csi.VolumeCapability_AccessMode_SINGLE_NODE_MULTI_WRITER:
		default:
			if c.Driver.Attach {
				return false, status.Errorf(codes.InvalidArgument, "access mode %s: a volume of %s attaches to one node at a time, as an EBS volume does: use ReadWriteOnce", m, c.Driver.Name)
			}
			single = false
		}
	}
	return single, nil
}

// zoneOf picks the zone the provisioner prefers (the selected node's,
// with WaitForFirstConsumer), else the first it allows.
func zoneOf(req *csi.TopologyRequirement) string {
	for _, list := range [][]*csi.Topology{req.GetPreferred(), req.GetRequisite()} {
		for _, t := range list {
			if z := t.GetSegments()[ZoneKey]; z != "" {
				return z
			}
		}
	}
	return ""
}

// DeleteVolume removes a volume and its files.
func (c *Controller) DeleteVolume(ctx context.Context, req *csi.DeleteVolumeRequest) (*csi.DeleteVolumeResponse, error) {
	if err := c.Store.DeleteVolume(req.GetVolumeId()); err != nil && !errors.Is(err, ErrBadID) {
		return nil, storeStatus("DeleteVolume", err)
	}
	return &csi.DeleteVolumeResponse{}, nil
}

// ControllerPublishVolume attaches a volume to a node after the class's
// attach time; a single-node volume attached elsewhere is refused at
// once, as EC2 refuses to attach an attached EBS volume.
func (c *Controller) ControllerPublishVolume(ctx context.Context, req *csi.ControllerPublishVolumeRequest) (*csi.ControllerPublishVolumeResponse, error) {
	id, node := req.GetVolumeId(), req.GetNodeId()
	if !c.Driver.Attach {
		return nil, status.Errorf(codes.Unimplemented, "%s needs no attach", c.Driver.Name)
	}
	if id == "" || node == "" {
		return nil, status.Error(codes.InvalidArgument, "ControllerPublishVolume: volume and node IDs are required")
	}
	v, err := c.Store.Volume(id)
	if err != nil {
		return nil, storeStatus("ControllerPublishVolume", err)
	}
	nodes, err := c.Store.AttachedTo(id)
	if err != nil {
		return nil, storeStatus("ControllerPublishVolume", err)
	}
	for _, n := range nodes {
		if n == node {
			return &csi.ControllerPublishVolumeResponse{}, nil
		}
		if v.SingleNode {
			return nil, status.Errorf(codes.FailedPrecondition, "volume %s is attached to node %s; it attaches to one node at a time", id, n)
		}
	}
	if err := wait(ctx, v.AttachTime.D()); err != nil {
		return nil, err
	}
	if err := c.Store.Attach(id, node); err != nil {
		return nil, storeStatus("ControllerPublishVolume", err)
	}
	return &csi.ControllerPublishVolumeResponse{}, nil
}

// ControllerUnpublishVolume detaches a volume from a node after the
// class's detach time.
func (c *Controller) ControllerUnpublishVolume(ctx context.Context, req *csi.ControllerUnpublishVolumeRequest) (*csi.ControllerUnpublishVolumeResponse, error) {
	id, node := req.GetVolumeId(), req.GetNodeId()
	v, err := c.Store.Volume(id)
	if errors.Is(err, ErrNotFound) || errors.Is(err, ErrBadID) {
		return &csi.ControllerUnpublishVolumeResponse{}, nil
	}
	if err != nil {
		return nil, storeStatus("ControllerUnpublishVolume", err)
	}
	nodes, err := c.Store.AttachedTo(id)
	if err != nil {
		return nil, storeStatus("ControllerUnpublishVolume", err)
	}
	for _, n := range nodes {
		if n != node && node != "" {
			continue
		}
		if err := wait(ctx, v.DetachTime.D()); err != nil {
			return nil, err
		}
		if err := c.Store.Detach(id, n); err != nil {
			return nil, storeStatus("ControllerUnpublishVolume", err)
		}
	}
	return &csi.ControllerUnpublishVolumeResponse{}, nil
}

// ValidateVolumeCapabilities confirms what CreateVolume would accept.
func (c *Controller) ValidateVolumeCapabilities(ctx context.Context, req *csi.ValidateVolumeCapabilitiesRequest) (*csi.ValidateVolumeCapabilitiesResponse, error) {
	if _, err := c.Store.Volume(req.GetVolumeId()); err != nil {
		return nil, storeStatus("ValidateVolumeCapabilities", err)
	}
	if _, err := c.checkCapabilities(req.GetVolumeCapabilities()); err != nil {
		return &csi.ValidateVolumeCapabilitiesResponse{Message: err.Error()}, nil
	}
	return &csi.ValidateVolumeCapabilitiesResponse{Confirmed: &csi.ValidateVolumeCapabilitiesResponse_Confirmed{
		VolumeCapabilities: req.GetVolumeCapabilities()}}, nil
}

// ControllerGetCapabilities lists what the driver's controller does.
func (c *Controller) ControllerGetCapabilities(context.Context, *csi.ControllerGetCapabilitiesRequest) (*csi.ControllerGetCapabilitiesResponse, error) {
	types := []csi.ControllerServiceCapability_RPC_Type{csi.ControllerServiceCapability_RPC_CREATE_DELETE_VOLUME}
	if c.Driver.Attach {
		types = append(types, csi.ControllerServiceCapability_RPC_PUBLISH_UNPUBLISH_VOLUME,
			csi.ControllerServiceCapability_RPC_CREATE_DELETE_SNAPSHOT)
	}
	out := &csi.ControllerGetCapabilitiesResponse{}
	for _, t := range types {
		out.Capabilities = append(out.Capabilities, &csi.ControllerServiceCapability{
			Type: &csi.ControllerServiceCapability_Rpc{Rpc: &csi.ControllerServiceCapability_RPC{Type: t}}})
	}
	return out, nil
}

// CreateSnapshot copies the volume's files at once (a point-in-time
// snapshot, as EBS takes one) and reports the snapshot ready to use once
// the snapshot class's time has passed since: the snapshotter asks again
// until then, as it polls a pending EBS snapshot.
func (c *Controller) CreateSnapshot(ctx context.Context, req *csi.CreateSnapshotRequest) (*csi.CreateSnapshotResponse, error) {
	if !c.Driver.Attach {
		return nil, status.Errorf(codes.Unimplemented, "%s takes no snapshots", c.Driver.Name)
	}
	class, err := ParseSnapshotClass(req.GetParameters())
	if err != nil {
		return nil, status.Errorf(codes.InvalidArgument, "VolumeSnapshotClass of %s: %v", c.Driver.Name, err)
	}
	now := time.Now()
	s, err := c.Store.CreateSnapshot(req.GetName(), req.GetSourceVolumeId(), now, class.Ready)
	if err != nil {
		return nil, storeStatus("CreateSnapshot", err)
	}
	return &csi.CreateSnapshotResponse{Snapshot: &csi.Snapshot{
		SnapshotId: s.ID, SourceVolumeId: s.Volume, SizeBytes: s.SizeBytes,
		CreationTime: timestamppb.New(s.Created), ReadyToUse: !now.Before(s.Ready),
	}}, nil
}

// DeleteSnapshot removes a snapshot.
func (c *Controller) DeleteSnapshot(ctx context.Context, req *csi.DeleteSnapshotRequest) (*csi.DeleteSnapshotResponse, error) {
	if err := c.Store.DeleteSnapshot(req.GetSnapshotId()); err != nil && !errors.Is(err, ErrBadID) {
		return nil, storeStatus("DeleteSnapshot", err)
	}
	return &csi.DeleteSnapshotResponse{}, nil
}

// wait sleeps d, or until the call is cancelled (the sidecar's timeout:
// it calls again).
func wait(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return status.FromContextError(ctx.Err()).Err()
	}
}

// storeStatus gives a store error the CSI code its kind calls for.
func storeStatus(op string, err error) error {
	code := codes.Internal
	switch {
	case errors.Is(err, ErrNotFound):
		code = codes.NotFound
	case errors.Is(err, ErrBadID):
		code = codes.InvalidArgument
	case errors.Is(err, ErrNoCapacity):
		code = codes.ResourceExhausted
	case errors.Is(err, ErrAttachedElsewhere):
		code = codes.FailedPrecondition
	case errors.Is(err, ErrMismatch):
		code = codes.AlreadyExists
	}
	return status.Error(code, fmt.Sprintf("%s: %v", op, err))
}
