package csidriver_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/container-storage-interface/spec/lib/go/csi"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	registerapi "k8s.io/kubelet/pkg/apis/pluginregistration/v1"

	"github.com/jsbench/jsbench/bench/storage/csidriver"
	"github.com/jsbench/jsbench/internal/testenv"
)

// requireFUSE needs root and /dev/fuse: the node service mounts emufs.
func requireFUSE(t *testing.T) {
	t.Helper()
	testenv.RequireRoot(t)
	_, err := os.Stat("/dev/fuse")
	testenv.Require(t, err == nil, "/dev/fuse")
}

// dial connects a gRPC client to a socket served by l.
func dial(t *testing.T, l *csidriver.Listener) *grpc.ClientConn {
	t.Helper()
	t.Cleanup(l.Close)
	conn, err := grpc.NewClient("unix://"+l.Socket, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

func listen(t *testing.T, socket string, register func(*grpc.Server)) *grpc.ClientConn {
	t.Helper()
	l, err := csidriver.Listen(socket, register)
	if err != nil {
		t.Fatal(err)
	}
	return dial(t, l)
}

var rwo = []*csi.VolumeCapability{{
	AccessType: &csi.VolumeCapability_Mount{Mount: &csi.VolumeCapability_MountVolume{}},
	AccessMode: &csi.VolumeCapability_AccessMode{Mode: csi.VolumeCapability_AccessMode_SINGLE_NODE_WRITER},
}}

var rwx = []*csi.VolumeCapability{{
	AccessType: &csi.VolumeCapability_Mount{Mount: &csi.VolumeCapability_MountVolume{}},
	AccessMode: &csi.VolumeCapability_AccessMode{Mode: csi.VolumeCapability_AccessMode_MULTI_NODE_MULTI_WRITER},
}}

// TestBlockVolumeLifecycle drives the block driver's controller and two
// nodes' plugins over their gRPC sockets, as the sidecars and kubelets
// do: provision in the preferred zone, attach to one node and refuse the
// second, stage (an emufs mount) and publish on the first, write a home,
// snapshot it, restore it into a new volume, refuse a volume its pool
// has no room for, and take everything down.
func TestBlockVolumeLifecycle(t *testing.T) {
	requireFUSE(t)
	ctx := context.Background()
	dir := t.TempDir()
	d := csidriver.BlockDriver
	store, ctl := controller(t, d, dir)
	nodeA := &csidriver.Node{Driver: d, Store: store, NodeID: "node-a", Zone: "zone-a"}
	t.Cleanup(func() { nodeA.UnmountAll() })
	a := csi.NewNodeClient(listen(t, filepath.Join(dir, "a.sock"), csidriver.NodeServices(nodeA)))
	b := csi.NewNodeClient(listen(t, filepath.Join(dir, "b.sock"), csidriver.NodeServices(&csidriver.Node{Driver: d, Store: store, NodeID: "node-b", Zone: "zone-a"})))

	params := map[string]string{"profile": "ebs-gp2-8gi", "iopsPerGiB": "3", "minIOPS": "100",
		"restoreProfile": "ebs-snapshot-lazy", "pool": "t", "poolCapacity": "4Gi"}
	vol, err := ctl.CreateVolume(ctx, &csi.CreateVolumeRequest{Name: "pvc-1", VolumeCapabilities: rwo, Parameters: params,
		CapacityRange:             &csi.CapacityRange{RequiredBytes: 2 << 30},
		AccessibilityRequirements: &csi.TopologyRequirement{Preferred: []*csi.Topology{{Segments: map[string]string{csidriver.ZoneKey: "zone-a"}}}}})
	if err != nil {
		t.Fatalf("CreateVolume: %v", err)
	}
	if got := vol.Volume.AccessibleTopology[0].Segments[csidriver.ZoneKey]; got != "zone-a" {
		t.Errorf("volume in zone %q, want the preferred zone-a", got)
	}
	if got := vol.Volume.VolumeContext["profile"]; got != "ebs-gp2-2gi" {
		t.Errorf("profile %q, want gp2 scaled to 2 GiB", got)
	}
	if _, err := ctl.ControllerPublishVolume(ctx, &csi.ControllerPublishVolumeRequest{VolumeId: "pvc-1", NodeId: "node-a", VolumeCapability: rwo[0]}); err != nil {
		t.Fatalf("attach to node-a: %v", err)
	}
	_, err = ctl.ControllerPublishVolume(ctx, &csi.ControllerPublishVolumeRequest{VolumeId: "pvc-1", NodeId: "node-b", VolumeCapability: rwo[0]})
	wantCode(t, "attach to node-b while on node-a", err, codes.FailedPrecondition)

	staging, target := filepath.Join(dir, "staging"), filepath.Join(dir, "pod")
	_, err = b.NodeStageVolume(ctx, &csi.NodeStageVolumeRequest{VolumeId: "pvc-1", StagingTargetPath: filepath.Join(dir, "staging-b"), VolumeCapability: rwo[0]})
	wantCode(t, "stage on node-b, not attached there", err, codes.FailedPrecondition)
	if _, err := a.NodeStageVolume(ctx, &csi.NodeStageVolumeRequest{VolumeId: "pvc-1", StagingTargetPath: staging, VolumeCapability: rwo[0]}); err != nil {
		t.Fatalf("stage on node-a: %v", err)
	}
	if _, err := a.NodePublishVolume(ctx, &csi.NodePublishVolumeRequest{VolumeId: "pvc-1", StagingTargetPath: staging, TargetPath: target, VolumeCapability: rwo[0]}); err != nil {
		t.Fatalf("publish on node-a: %v", err)
	}
	if err := os.WriteFile(filepath.Join(target, "config.xml"), []byte("<hudson/>"), 0o644); err != nil {
		t.Fatalf("write through the published mount: %v", err)
	}
	if !strings.Contains(readFile(t, "/proc/self/mountinfo"), "fuse.jsbench-emufs") {
		t.Error("no emufs mount in the mount table after staging")
	}

	snap, err := ctl.CreateSnapshot(ctx, &csi.CreateSnapshotRequest{Name: "snapshot-1", SourceVolumeId: "pvc-1", Parameters: map[string]string{"snapshotTime": "0s"}})
	if err != nil || !snap.Snapshot.ReadyToUse || snap.Snapshot.SizeBytes != int64(len("<hudson/>")) {
		t.Fatalf("CreateSnapshot: %v %v; want ready, holding the one file written", snap, err)
	}
	restoredReq := &csi.CreateVolumeRequest{Name: "pvc-2", VolumeCapabilities: rwo, Parameters: params,
		CapacityRange:       &csi.CapacityRange{RequiredBytes: 2 << 30},
		VolumeContentSource: &csi.VolumeContentSource{Type: &csi.VolumeContentSource_Snapshot{Snapshot: &csi.VolumeContentSource_SnapshotSource{SnapshotId: "snapshot-1"}}}}
	restored, err := ctl.CreateVolume(ctx, restoredReq)
	if err != nil {
		t.Fatalf("CreateVolume from the snapshot: %v", err)
	}
	if got := restored.Volume.VolumeContext["profile"]; got != "ebs-snapshot-lazy" {
		t.Errorf("restored volume's profile %q, want the class's restore profile", got)
	}
	if got := readFile(t, filepath.Join(store.VolumeData("pvc-2"), "config.xml")); got != "<hudson/>" {
		t.Errorf("restored volume holds %q", got)
	}
	_, err = ctl.CreateVolume(ctx, &csi.CreateVolumeRequest{Name: "pvc-3", VolumeCapabilities: rwo, Parameters: params,
		CapacityRange: &csi.CapacityRange{RequiredBytes: 1 << 30}})
	wantCode(t, "a third volume in a full pool", err, codes.ResourceExhausted)
	_, err = ctl.CreateVolume(ctx, &csi.CreateVolumeRequest{Name: "pvc-4", VolumeCapabilities: rwx, Parameters: params})
	wantCode(t, "ReadWriteMany on the block driver", err, codes.InvalidArgument)

	if _, err := a.NodeUnpublishVolume(ctx, &csi.NodeUnpublishVolumeRequest{VolumeId: "pvc-1", TargetPath: target}); err != nil {
		t.Fatalf("unpublish: %v", err)
	}
	if _, err := a.NodeUnstageVolume(ctx, &csi.NodeUnstageVolumeRequest{VolumeId: "pvc-1", StagingTargetPath: staging}); err != nil {
		t.Fatalf("unstage: %v", err)
	}
	if _, err := ctl.ControllerUnpublishVolume(ctx, &csi.ControllerUnpublishVolumeRequest{VolumeId: "pvc-1", NodeId: "node-a"}); err != nil {
		t.Fatalf("detach: %v", err)
	}
	if _, err := ctl.ControllerPublishVolume(ctx, &csi.ControllerPublishVolumeRequest{VolumeId: "pvc-1", NodeId: "node-b", VolumeCapability: rwo[0]}); err != nil {
		t.Fatalf("attach to node-b once detached from node-a: %v", err)
	}
	for _, id := range []string{"pvc-1", "pvc-2"} {
		if _, err := ctl.DeleteVolume(ctx, &csi.DeleteVolumeRequest{VolumeId: id}); err != nil {
			t.Fatalf("DeleteVolume %s: %v", id, err)
		}
	}
	if _, err := ctl.DeleteSnapshot(ctx, &csi.DeleteSnapshotRequest{SnapshotId: "snapshot-1"}); err != nil {
		t.Fatal(err)
	}
	for _, sub := range []string{"volumes", "snapshots"} {
		if left, _ := os.ReadDir(filepath.Join(store.Root(), sub)); len(left) != 0 {
			t.Errorf("left in %s after deleting everything: %v", sub, left)
		}
	}
}

// TestFileVolumeOnEveryNode mounts one ReadWriteMany volume of the file
// driver on two nodes at once, without attach, each through its own
// emufs instance, and sees one node's write from the other.
func TestFileVolumeOnEveryNode(t *testing.T) {
	requireFUSE(t)
	ctx := context.Background()
	dir := t.TempDir()
	d := csidriver.FileDriver
	store, ctl := controller(t, d, dir)
	if _, err := ctl.CreateVolume(ctx, &csi.CreateVolumeRequest{Name: "pvc-efs", VolumeCapabilities: rwx,
		Parameters: map[string]string{"profile": "efs-general-purpose", "uid": "1000", "gid": "1000", "directoryPerms": "700"}}); err != nil {
		t.Fatalf("CreateVolume: %v", err)
	}
	_, err := ctl.ControllerPublishVolume(ctx, &csi.ControllerPublishVolumeRequest{VolumeId: "pvc-efs", NodeId: "node-a"})
	wantCode(t, "attach on the file driver", err, codes.Unimplemented)
	var targets []string
	for _, name := range []string{"node-a", "node-b"} {
		n := &csidriver.Node{Driver: d, Store: store, NodeID: name}
		t.Cleanup(func() { n.UnmountAll() })
		c := csi.NewNodeClient(listen(t, filepath.Join(dir, name+".sock"), csidriver.NodeServices(n)))
		staging, target := filepath.Join(dir, name, "staging"), filepath.Join(dir, name, "pod")
		if _, err := c.NodeStageVolume(ctx, &csi.NodeStageVolumeRequest{VolumeId: "pvc-efs", StagingTargetPath: staging, VolumeCapability: rwx[0]}); err != nil {
			t.Fatalf("stage on %s: %v", name, err)
		}
		if _, err := c.NodePublishVolume(ctx, &csi.NodePublishVolumeRequest{VolumeId: "pvc-efs", StagingTargetPath: staging, TargetPath: target, VolumeCapability: rwx[0]}); err != nil {
			t.Fatalf("publish on %s: %v", name, err)
		}
		t.Cleanup(func() {
			c.NodeUnpublishVolume(ctx, &csi.NodeUnpublishVolumeRequest{VolumeId: "pvc-efs", TargetPath: target})
		})
		targets = append(targets, target)
	}
	if err := os.WriteFile(filepath.Join(targets[0], "jobs"), []byte("a"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(targets[1], "jobs")); got != "a" {
		t.Errorf("node-b reads %q of node-a's write", got)
	}
	st, err := os.Stat(store.VolumeData("pvc-efs"))
	if err != nil || st.Mode().Perm() != 0o700 {
		t.Errorf("volume root %v %v, want mode 0700 as directoryPerms says", st.Mode(), err)
	}
}

// TestRegistration answers the kubelet's plugin watcher as the kubelet
// asks it: GetInfo, then the verdict.
func TestRegistration(t *testing.T) {
	dir := t.TempDir()
	var verdict error
	r := &csidriver.Registrar{Driver: csidriver.BlockDriver, Endpoint: "/var/lib/kubelet/plugins/x/csi.sock", Status: func(err error) { verdict = err }}
	c := registerapi.NewRegistrationClient(listen(t, filepath.Join(dir, "reg.sock"), csidriver.RegistrationService(r)))
	info, err := c.GetInfo(context.Background(), &registerapi.InfoRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if info.Type != registerapi.CSIPlugin || info.Name != csidriver.BlockDriver.Name || info.Endpoint != r.Endpoint || len(info.SupportedVersions) == 0 {
		t.Errorf("GetInfo: %v", info)
	}
	if _, err := c.NotifyRegistrationStatus(context.Background(), &registerapi.RegistrationStatus{Error: "version"}); err != nil {
		t.Fatal(err)
	}
	if verdict == nil || !strings.Contains(verdict.Error(), "refused") {
		t.Errorf("a refusal reported as %v", verdict)
	}
}

func wantCode(t *testing.T, what string, err error, code codes.Code) {
	t.Helper()
	if status.Code(err) != code {
		t.Errorf("%s: %v, want code %s", what, err, code)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestNewPodGetsAColdClient: a pod that gets a staged mount no other pod
// on the node holds looks names up again, as a new NFS client would; a
// pod sharing the mount with a running one shares its cache.
func TestNewPodGetsAColdClient(t *testing.T) {
	requireFUSE(t)
	ctx := context.Background()
	dir := t.TempDir()
	d := csidriver.FileDriver
	store, ctl := controller(t, d, dir)
	if _, err := ctl.CreateVolume(ctx, &csi.CreateVolumeRequest{Name: "pvc-nfs", VolumeCapabilities: rwx,
		Parameters: map[string]string{"profile": "nfs-lan"}}); err != nil {
		t.Fatalf("CreateVolume: %v", err)
	}
	if err := os.WriteFile(filepath.Join(store.VolumeData("pvc-nfs"), "config.xml"), []byte("<hudson/>"), 0o644); err != nil {
		t.Fatal(err)
	}
	n := &csidriver.Node{Driver: d, Store: store, NodeID: "node-a"}
	t.Cleanup(func() { n.UnmountAll() })
	c := csi.NewNodeClient(listen(t, filepath.Join(dir, "node.sock"), csidriver.NodeServices(n)))
	staging := filepath.Join(dir, "staging")
	if _, err := c.NodeStageVolume(ctx, &csi.NodeStageVolumeRequest{VolumeId: "pvc-nfs", StagingTargetPath: staging, VolumeCapability: rwx[0]}); err != nil {
		t.Fatal(err)
	}
	publish := func(pod string) string {
		target := filepath.Join(dir, pod)
		if _, err := c.NodePublishVolume(ctx, &csi.NodePublishVolumeRequest{VolumeId: "pvc-nfs", StagingTargetPath: staging, TargetPath: target, VolumeCapability: rwx[0]}); err != nil {
			t.Fatalf("publish %s: %v", pod, err)
		}
		return target
	}
	unpublish := func(target string) {
		if _, err := c.NodeUnpublishVolume(ctx, &csi.NodeUnpublishVolumeRequest{VolumeId: "pvc-nfs", TargetPath: target}); err != nil {
			t.Fatal(err)
		}
	}
	lookupsAfterStat := func(target string) int64 {
		if _, err := os.Stat(filepath.Join(target, "config.xml")); err != nil {
			t.Fatal(err)
		}
		st, ok := n.MountStats(staging)
		if !ok {
			t.Fatal("no mount staged")
		}
		return st.Ops["lookup"].Count
	}
	first := publish("pod-1")
	warm := lookupsAfterStat(first)
	if again := lookupsAfterStat(first); again != warm {
		t.Fatalf("a second stat in the same pod looked up again (%d → %d lookups): the cache is not warm", warm, again)
	}
	unpublish(first)
	second := publish("pod-2")
	cold := lookupsAfterStat(second)
	if cold <= warm {
		t.Errorf("the replacement pod looked nothing up (%d lookups before and after): its client is not cold", warm)
	}
	third := publish("pod-3") // beside pod-2: one client, one cache
	if shared := lookupsAfterStat(third); shared != cold {
		t.Errorf("a pod sharing the mount with a running one looked up again (%d → %d lookups)", cold, shared)
	}
	unpublish(second)
	unpublish(third)
}

// controller serves d's controller on a store in dir, as the controller
// Deployment does, and returns the store and a client of it.
func controller(t *testing.T, d csidriver.Driver, dir string) (*csidriver.Store, csi.ControllerClient) {
	t.Helper()
	store, err := csidriver.OpenStore(filepath.Join(dir, "store"))
	if err != nil {
		t.Fatal(err)
	}
	return store, csi.NewControllerClient(listen(t, filepath.Join(dir, "controller.sock"), csidriver.ControllerServices(d, store)))
}
