#!/usr/bin/env bash
# A real single-node Kubernetes cluster on this machine, for jsbench's
# Kubernetes runtime (`make bench-k8s`, the tests):
#   scripts/cluster.sh up       install, build (once), start; prints KUBECONFIG
#   scripts/cluster.sh down     stop everything in order, remove its state
#   scripts/cluster.sh status   what runs; exit 0 only when the node is Ready
#   scripts/cluster.sh env      export lines: jsbench's kubeconfig, the node's address
#   scripts/cluster.sh images   rebuild and import jsbench's images
# Needs root. Pulls nothing from a registry: Kubernetes v1.34.4 is built
# from the Go module proxy (cached under ~/.cache/jsbench/kubernetes; the
# first build compiles for about 16 minutes on two cores), etcd, containerd,
# runc and the CNI plugins come from Debian, and the images are built
# locally and imported with ctr. containerd runs as a private instance
# with its own socket, root and state; Docker's is never touched.
# State: $JSBENCH_CLUSTER_DIR (default /var/lib/jsbench/cluster).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=cluster/common.sh
. "$here/cluster/common.sh"
. "$here/cluster/pki.sh"
. "$here/cluster/node.sh"
. "$here/cluster/control.sh"

install_packages() {
  local need=() p
  for p in "${packages[@]}"; do
    dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q "ok installed" || need+=("$p")
  done
  [ ${#need[@]} -eq 0 ] && return 0
  say "installing ${need[*]}"
  # Debian starts an installed etcd as a system service; the cluster runs
  # its own instance, so the packages must not start anything.
  local policy=/usr/sbin/policy-rc.d own_policy=
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && own_policy=1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  [ -n "$own_policy" ] && rm -f "$policy"
  return 0
}

record_foreign_dirs() {
  [ -f "$S/foreign" ] && return 0
  local d
  for d in "${foreign_dirs[@]}"; do [ -e "$d" ] || echo "$d"; done >"$S/foreign"
}

# grant_jsbench applies jsbench's RBAC manifest and writes a kubeconfig
# for its service account: jsbench and its tests run with exactly those
# rights.
grant_jsbench() {
  admin_kubectl apply -f "$repo/deploy/rbac.yaml" >/dev/null
  admin_kubectl apply -f "$here/cluster/fixtures.yaml" >/dev/null
  local token
  token=$(admin_kubectl -n "$namespace" create token jsbench --duration 8760h)
  kubeconfig jsbench "token: $token"
}

up() {
  [ "$(id -u)" -eq 0 ] || die "run as root (containerd, kubelet and the CNI bridge need it)"
  local began step ip
  began=$(date +%s.%N)
  mkdir -p "$S"
  install_packages
  step=$(date +%s.%N)
  BIN=$("$here/cluster/build.sh")
  say "binaries ready in $(elapsed "$step") s ($BIN)"
  record_foreign_dirs
  ip=$(node_ip)
  make_pki "$ip"
  step=$(date +%s.%N)
  start_containerd
  import_images
  say "containerd and images ready in $(elapsed "$step") s"
  step=$(date +%s.%N)
  start_etcd
  start_apiserver "$ip"
  say "API server ready in $(elapsed "$step") s"
  start_controllers
  start_kubelet "$ip"
  wait_for "node $node_name" 120 node_ready
  grant_jsbench
  echo "$BIN" >"$S/bin-dir"
  say "up in $(elapsed "$began") s: node $node_name Ready at $ip"
  echo "export KUBECONFIG=$S/jsbench.kubeconfig"
}

# delete_workloads removes every pod and claim, jsbench's and any other,
# and waits for the pods to go, so that CNI releases their addresses
# and rules before kubelet stops.
delete_workloads() {
  admin_kubectl get --raw /readyz >/dev/null 2>&1 || return 0
  admin_kubectl delete statefulsets,pods,persistentvolumeclaims --all --all-namespaces \
    --grace-period 5 --wait=false >/dev/null 2>&1 || true
  local i
  for ((i = 0; i < 60; i++)); do
    [ -z "$(admin_kubectl get pods -A -o name 2>/dev/null)" ] && break
    sleep 0.5
  done
  admin_kubectl delete persistentvolumes --all --wait=false >/dev/null 2>&1 || true
}

remove_containers() {
  [ -S "$S/containerd.sock" ] || return 0
  local id
  for id in $(ctr_k8s tasks list -q 2>/dev/null); do
    ctr_k8s tasks kill -s SIGKILL "$id" >/dev/null 2>&1 || true
  done
  sleep 0.5
  for id in $(ctr_k8s tasks list -q 2>/dev/null); do ctr_k8s tasks delete -f "$id" >/dev/null 2>&1 || true; done
  for id in $(ctr_k8s containers list -q 2>/dev/null); do ctr_k8s containers delete "$id" >/dev/null 2>&1 || true; done
}

unmount_below() {
  local m
  # Deepest first; the fifth field of mountinfo is the mount point.
  awk -v s="$1/" 'index($5, s) == 1 {print $5}' /proc/self/mountinfo | sort -r | while read -r m; do
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
  done
}

down() {
  [ "$(id -u)" -eq 0 ] || die "run as root"
  [ -d "$S" ] || { say "not up"; return 0; }
  local began
  began=$(date +%s.%N)
  BIN=$(cat "$S/bin-dir" 2>/dev/null || echo "${JSBENCH_K8S_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/jsbench/kubernetes}/$version/bin")
  delete_workloads
  stop kubelet 30
  stop kube-scheduler
  stop kube-controller-manager
  # The API server before etcd: the other order hangs its shutdown.
  stop kube-apiserver 30
  stop etcd
  remove_containers
  stop containerd 20
  unmount_below "$S"
  ip link delete "$bridge" 2>/dev/null || true
  if [ -f "$S/foreign" ]; then
    while read -r d; do
      [ -n "$d" ] && unmount_below "$d" && rm -rf "$d"
    done <"$S/foreign"
  fi
  rm -rf "$S"
  rmdir "$(dirname "$S")" 2>/dev/null || true
  say "down in $(elapsed "$began") s"
}

status() {
  local name ok=0
  for name in containerd etcd kube-apiserver kube-controller-manager kube-scheduler kubelet; do
    if running "$name"; then
      echo "$name: running (pid $(pid_of "$name"))"
    else
      echo "$name: not running"; ok=1
    fi
  done
  [ $ok -eq 0 ] || return 1
  BIN=$(cat "$S/bin-dir")
  if node_ready; then
    echo "node $node_name: Ready"
    echo "export KUBECONFIG=$S/jsbench.kubeconfig"
  else
    echo "node $node_name: not Ready"; return 1
  fi
}

case ${1:-} in
  up) up ;;
  down) down ;;
  status) status ;;
  env)
    echo "export KUBECONFIG=$S/jsbench.kubeconfig"
    echo "export JSBENCH_NODE_IP=$(node_ip)" ;;
  images)
    BIN=$(cat "$S/bin-dir")
    import_images ;;
  *) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
