package csidriver

import (
	"context"

	"github.com/container-storage-interface/spec/lib/go/csi"
	"google.golang.org/protobuf/types/known/wrapperspb"
)

// Driver is one of the two drivers the binary serves.
type Driver struct {
	// Name is the CSI driver name, as CSIDriver objects and
	// StorageClasses' provisioner name it.
	Name string
	// Attach tells a driver whose volumes are attached to a node before
	// they are mounted there (its CSIDriver has attachRequired: true),
	// live in one zone and can be snapshotted: EBS's kind.
	Attach bool
}

// The drivers of the local cluster.
var (
	// BlockDriver stands for the EBS CSI driver (ebs.csi.aws.com).
	BlockDriver = Driver{Name: "block.csi.jsbench.local", Attach: true}
	// FileDriver stands for the EFS CSI driver (efs.csi.aws.com) and an
	// NFS provisioner.
	FileDriver = Driver{Name: "file.csi.jsbench.local"}
)

// ZoneKey is the topology key of a BlockDriver volume, as EBS's
// (topology.kubernetes.io/zone, set on every node by the cloud).
const ZoneKey = "topology.kubernetes.io/zone"

// Version is reported as the drivers' vendor version.
var Version = "devel"

// Identity is the CSI Identity service of one driver.
type Identity struct {
	csi.UnimplementedIdentityServer
	Driver Driver
}

// GetPluginInfo names the driver.
func (i *Identity) GetPluginInfo(context.Context, *csi.GetPluginInfoRequest) (*csi.GetPluginInfoResponse, error) {
	return &csi.GetPluginInfoResponse{Name: i.Driver.Name, VendorVersion: Version}, nil
}

// GetPluginCapabilities says the controller service is there and, for
// the block driver, that volumes are not reachable from every node.
func (i *Identity) GetPluginCapabilities(context.Context, *csi.GetPluginCapabilitiesRequest) (*csi.GetPluginCapabilitiesResponse, error) {
	caps := []csi.PluginCapability_Service_Type{csi.PluginCapability_Service_CONTROLLER_SERVICE}
	if i.Driver.Attach {
		caps = append(caps, csi.PluginCapability_Service_VOLUME_ACCESSIBILITY_CONSTRAINTS)
	}
	out := &csi.GetPluginCapabilitiesResponse{}
	for _, c := range caps {
		out.Capabilities = append(out.Capabilities, &csi.PluginCapability{
			Type: &csi.PluginCapability_Service_{Service: &csi.PluginCapability_Service{Type: c}}})
	}
	return out, nil
}

// Probe answers ready: the store and mounts are ready once the process
// serves.
func (i *Identity) Probe(context.Context, *csi.ProbeRequest) (*csi.ProbeResponse, error) {
	return &csi.ProbeResponse{Ready: wrapperspb.Bool(true)}, nil
}
