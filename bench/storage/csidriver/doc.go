// Package csidriver is the local cluster's stand-in for the CSI drivers
// that JENKINS_HOME lives on in the cloud — the EBS CSI driver (gp2,
// gp3: ReadWriteOnce, zonal, attached to one node, snapshots), the EFS
// CSI driver (ReadWriteMany, no attach, every operation a round trip)
// and an NFS provisioner — so that Kubernetes' own machinery
// (external-provisioner, external-attacher, the attach/detach controller,
// csi-snapshotter and snapshot-controller, the kubelet's CSI volume
// plugin) produces the claims, VolumeAttachments, VolumeSnapshots and
// events that bench/runtime/kube times. It is never a storage for users:
// every node of that cluster is on one machine, and a volume is a
// directory on its local disk served through an emufs profile.
//
// One binary (cmd/jsbench-csi) serves two drivers: BlockDriver, which
// the CSIDriver object marks attachRequired (ControllerPublish waits the
// class's attach time and refuses a second node for a single-node access
// mode; snapshots; a zone as topology), and FileDriver, which needs no
// attach (mountable from every node). The controller side keeps its
// state on disk under one root (Store), so that two replicas with leader
// election in their sidecars can take over from each other; the node
// side mounts, on each node, its own emufs instance of a volume, with a
// cold client cache as a new client of a network storage has, and
// registers itself with that node's kubelet through the plugin
// registration API (Registrar).
//
// Class parameters (StorageClass and VolumeSnapshotClass) are parsed by
// ParseClass and ParseSnapshotClass; CLASSES.md gives every figure with
// its source.
package csidriver
