#!/usr/bin/env bash
# The local cluster's storage stack: StorageClasses that behave like the
# cloud's (gp2, gp3, efs-sc, nfs-client, the csi-aws-vsc
# VolumeSnapshotClass), served by Kubernetes' own CSI machinery over
# jsbench-csi, the cluster's stand-in for the EBS, EFS and NFS drivers
# (bench/storage/csidriver, never a storage for users):
#   scripts/cluster/storage.sh up     build (once), write and import the images, apply, wait
#   scripts/cluster/storage.sh down   delete it all: snapshots, volumes, pods, mounts, files
# scripts/cluster.sh runs both (after the node is Ready; before kubelet
# stops). The sidecars are built by scripts/cluster/storage-build.sh and
# cached under ~/.cache/jsbench/csi; the images are FROM-scratch archives
# of the static binaries, imported into every node's containerd.
# Volumes live in $S/csi (the machine's disk, the same path on every
# node). Every node's /var/lib/kubelet must be an rshared mount in the
# node's mount namespace (scripts/cluster/node.sh makes it one), so that
# the node plugin's mounts (Bidirectional) reach the kubelet and pods.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=common.sh
. "$here/common.sh"

csi_ns=jsbench-csi
store="$S/csi"
images="${XDG_CACHE_HOME:-$HOME/.cache}/jsbench/csi/images"
drivers=(block.csi.jsbench.local file.csi.jsbench.local)
# image_rev ends every image tag: an image is imported only when its tag
# is new, so a change of the images' layout (jsbench-images --binary)
# must change it.
image_rev=2

# write_images writes the images' archives (kept by tag), imports them
# into every containerd of the cluster that answers, and adds them to
# $S/images.list, from which scripts/cluster.sh imports into a node that
# comes back (node-on).
write_images() {
  local bins=$1 tag ref file sock
  tag=$(sha256sum "$repo/bin/jsbench-csi" | cut -c1-12)-$image_rev
  CSI_IMAGE=localhost/jsbench/csi:$tag
  PROVISIONER_IMAGE=localhost/jsbench/csi-provisioner:v6.4.0-$image_rev
  ATTACHER_IMAGE=localhost/jsbench/csi-attacher:v4.13.0-$image_rev
  SNAPSHOTTER_IMAGE=localhost/jsbench/csi-snapshotter:v8.7.0-$image_rev
  SNAPSHOT_CONTROLLER_IMAGE=localhost/jsbench/snapshot-controller:v8.7.0-$image_rev
  "$repo/bin/jsbench-images" --out "$images" \
    --binary "$CSI_IMAGE=$repo/bin/jsbench-csi" \
    --binary "$PROVISIONER_IMAGE=$bins/external-provisioner/v6.4.0/csi-provisioner" \
    --binary "$ATTACHER_IMAGE=$bins/external-attacher/v4.13.0/csi-attacher" \
    --binary "$SNAPSHOTTER_IMAGE=$bins/external-snapshotter/v8.7.0/csi-snapshotter" \
    --binary "$SNAPSHOT_CONTROLLER_IMAGE=$bins/external-snapshotter/v8.7.0/snapshot-controller" \
    >"$S/storage-images.list"
  touch "$S/images.list"
  while read -r ref file; do
    grep -qF "$ref $file" "$S/images.list" || echo "$ref $file" >>"$S/images.list"
  done <"$S/storage-images.list"
  for sock in $(find "$S" -maxdepth 4 -name containerd.sock -type s); do
    ctr --address "$sock" version >/dev/null 2>&1 || { say "$sock does not answer: images not imported there"; continue; }
    while read -r ref file; do
      ctr --address "$sock" -n k8s.io images check "name==$ref" 2>/dev/null | grep -q . && continue
      ctr --address "$sock" -n k8s.io images import "$file" >/dev/null
    done <"$S/storage-images.list"
  done
}

# label_zones gives a node without a zone the zone local-a: the EBS-like
# driver's volumes are zonal and its node plugin reports the node's zone.
label_zones() {
  local n
  for n in $(admin_kubectl get nodes -l '!topology.kubernetes.io/zone' -o name); do
    admin_kubectl label "$n" topology.kubernetes.io/zone=local-a >/dev/null
  done
}

render() {
  sed -e "s|@NS@|$csi_ns|g" -e "s|@STORE@|$store|g" -e "s|@KUBELET_DIR@|$1|g" \
    -e "s|@API_HOST@|$(node_ip)|g" -e "s|@API_PORT@|$api_port|g" \
    -e "s|@CSI_IMAGE@|$CSI_IMAGE|g" -e "s|@PROVISIONER_IMAGE@|$PROVISIONER_IMAGE|g" \
    -e "s|@ATTACHER_IMAGE@|$ATTACHER_IMAGE|g" -e "s|@SNAPSHOTTER_IMAGE@|$SNAPSHOTTER_IMAGE|g" \
    -e "s|@SNAPSHOT_CONTROLLER_IMAGE@|$SNAPSHOT_CONTROLLER_IMAGE|g" "$here/storage.yaml"
}

# registered tells whether every node's CSINode lists both drivers.
registered() {
  local want have
  want=$(admin_kubectl get nodes -o name | wc -l)
  have=$(admin_kubectl get csinodes -o jsonpath='{range .items[*]}{.spec.drivers[*].name}{"\n"}{end}' |
    grep -c "${drivers[0]}.*${drivers[1]}\|${drivers[1]}.*${drivers[0]}" || true)
  [ "$want" -gt 0 ] && [ "$have" -eq "$want" ]
}

controller_ready() {
  [ "$(admin_kubectl -n "$csi_ns" get deployment jsbench-csi-controller -o jsonpath='{.status.availableReplicas}')" -ge 1 ] 2>/dev/null
}

up() {
  local began bins kdir
  if [ ! -d "$repo/cmd/jsbench-csi" ]; then
    say "no cmd/jsbench-csi in $repo: the storage stack is not installed"
    return 0
  fi
  began=$(date +%s.%N)
  load_bin
  bins=$("$here/storage-build.sh")
  (cd "$repo" && CGO_ENABLED=0 go build -o bin/jsbench-csi ./cmd/jsbench-csi &&
    CGO_ENABLED=0 go build -o bin/jsbench-images ./cmd/jsbench-images)
  mkdir -p "$store"
  write_images "$bins"
  kdir=/var/lib/kubelet
  label_zones
  admin_kubectl apply -f "$bins/external-snapshotter/v8.7.0/crd/" >/dev/null
  admin_kubectl wait --for condition=established --timeout 60s crd/volumesnapshotclasses.snapshot.storage.k8s.io >/dev/null
  render "$kdir" | admin_kubectl apply -f - >/dev/null
  wait_for "the storage controller" 180 controller_ready
  wait_for "both CSI drivers on every node" 180 registered
  say "storage up in $(elapsed "$began") s: classes $(admin_kubectl get storageclass -o name | sed 's|.*/||' | tr '\n' ' ')"
}

# drained tells whether no volume of the stack's drivers is left.
drained() {
  ! admin_kubectl get persistentvolumes,volumeattachments -o jsonpath='{range .items[*]}{.spec.csi.driver}{.spec.attacher}{"\n"}{end}' |
    grep -q 'csi.jsbench.local'
}

down() {
  load_bin
  if api_up; then
    quietly admin_kubectl delete volumesnapshots --all --all-namespaces --wait=false || true
    quietly admin_kubectl delete persistentvolumeclaims --all --all-namespaces --wait=false || true
    local i
    # While the provisioner runs, it deletes the volumes it made.
    if controller_ready; then
      for ((i = 0; i < 120; i++)); do drained && break; sleep 0.5; done
    fi
    quietly admin_kubectl delete volumesnapshotclass csi-aws-vsc --ignore-not-found --wait=false || true
    quietly admin_kubectl delete storageclass gp2 gp3 efs-sc nfs-client --ignore-not-found --wait=false || true
    quietly admin_kubectl delete csidriver "${drivers[@]}" --ignore-not-found --wait=false || true
    quietly admin_kubectl delete clusterrolebinding,clusterrole jsbench-csi-controller jsbench-csi-node \
      --ignore-not-found --wait=false || true
    quietly admin_kubectl delete namespace "$csi_ns" --ignore-not-found --wait=false || true
    # The pods of a node that is off are never confirmed gone: forced
    # after a grace period.
    for ((i = 0; i < 60; i++)); do
      [ -z "$(admin_kubectl -n "$csi_ns" get pods -o name 2>/dev/null)" ] && break
      sleep 0.5
    done
    quietly admin_kubectl -n "$csi_ns" delete pods --all --force --grace-period 0 --ignore-not-found || true
    quietly admin_kubectl delete crd volumesnapshots.snapshot.storage.k8s.io volumesnapshotcontents.snapshot.storage.k8s.io \
      volumesnapshotclasses.snapshot.storage.k8s.io --ignore-not-found --wait=false || true
  fi
  # FUSE mounts of node plugins that did not stop in time: in each
  # node's mount namespace those below its kubelet directory, on the host
  # those below the cluster's state. Emulated volumes jsbench mounts
  # elsewhere on this machine are not the cluster's to remove.
  local holder
  for holder in "$S"/nodes/*/pids/holder.pid; do
    [ -f "$holder" ] && kill -0 "$(cat "$holder")" 2>/dev/null || continue
    unmount_emufs /var/lib/kubelet/ nsenter -t "$(cat "$holder")" -m --
  done
  unmount_emufs "$S/"
  rm -rf "$store" "$S/storage-images.list"
}

# unmount_emufs BELOW [PREFIX...] unmounts every emufs mount below the
# directory BELOW, deepest first, running umount (and reading the mount
# table) through PREFIX. A mount that will not go is named.
unmount_emufs() {
  local below=$1 m; shift
  "$@" cat /proc/self/mountinfo |
    awk -v below="$below" '{for (i = 7; i < NF; i++) if ($i == "-") {if ($(i+1) == "fuse.jsbench-emufs" && index($5, below) == 1) print $5; break}}' |
    sort -r | while read -r m; do
      "$@" umount "$m" 2>/dev/null || "$@" umount -l "$m" || say "could not unmount $m"
    done
}

case ${1:-} in
  up) up ;;
  down) down ;;
  *) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
