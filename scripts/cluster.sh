#!/usr/bin/env bash
# A real multi-node Kubernetes cluster on this machine, for jsbench's
# Kubernetes runtime (`make bench-k8s`, the tests):
#   scripts/cluster.sh up [--nodes N] [--zones LIST] [--timers upstream|fast]
#   scripts/cluster.sh down        stop every node and the control plane, remove all state
#   scripts/cluster.sh status      what runs; exit 0 only when every node is Ready
#   scripts/cluster.sh nodes       one line per node: NAME ZONE POWER(on|off|partial) READY
#   scripts/cluster.sh node-off NODE   cut the node's power
#   scripts/cluster.sh node-on NODE    reboot the node, wait until it is Ready
#   scripts/cluster.sh env         export lines: KUBECONFIG, JSBENCH_NODE_IP, JSBENCH_NODES
#   scripts/cluster.sh images      rebuild jsbench's images, import them into every node that is on
#
# up: N nodes (default 2, at most 8) named jsbench-a, jsbench-b, ... in
# that order, in the zones of LIST (comma separated, one per node;
# default two nodes per zone: a,a for 2, a,a,b for 3), labelled
# topology.kubernetes.io/zone=ZONE and topology.kubernetes.io/region=local.
# Kubernetes' own timers stay at their upstream defaults; `--timers fast`
# shortens those that decide how fast a lost node's pods are evicted (see
# scripts/cluster/control.sh). The ConfigMap jsbench-cluster in the
# jsbench namespace names the nodes, zones and timers. Prints KUBECONFIG.
# `up` on a running cluster starts what is missing; a different --nodes,
# --zones or --timers needs a `down` first.
#
# node-off NODE: a power cut, not a shutdown. Freezes the node's cgroup
# tree (containerd, kubelet, shims, pods), SIGKILLs all of it, and prints
# "NODE off in SECONDS s (frozen after SECONDS s)": from the freeze on the
# node does nothing. No kubelet shutdown, no CNI DEL, no unmount.
# node-on NODE: a reboot. Removes the node.kubernetes.io/out-of-service
# taint if present, cleans what the cut left (containerd state, runc
# root, CNI reservations and iptables rules, stale mounts), starts
# containerd and kubelet (which registers the Node again if it was
# deleted) and prints "NODE on in SECONDS s (Ready)" once it is Ready.
# Both are idempotent ("NODE is already off", "NODE is already on
# (Ready)") and exit 1 with the known names on an unknown NODE.
#
# Needs root. Pulls nothing from a registry: Kubernetes v1.34.4 is built
# from the Go module proxy (cached under ~/.cache/jsbench/kubernetes; the
# first build compiles for 16 to 30 minutes on two cores), etcd, containerd,
# runc and the CNI plugins come from Debian, and the images are built
# locally and imported with ctr. Each node is a private containerd (own
# socket, root, state, bridge and pod subnet; Docker's is never touched)
# and a kubelet (own ports and certificate, the machine's address), both
# in the node's cgroup tree /NODE and in a mount namespace of its own
# where the node's directories stand at /var/lib/kubelet, /var/lib/cni,
# /var/log/containers and /run/containerd. The host's root mount is made
# shared so that mounts made on the host reach every node.
# State: $JSBENCH_CLUSTER_DIR (default /var/lib/jsbench/cluster).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=cluster/common.sh
. "$here/cluster/common.sh"
. "$here/cluster/host.sh"
. "$here/cluster/pki.sh"
. "$here/cluster/nodes.sh"
. "$here/cluster/node.sh"
. "$here/cluster/kubelet.sh"
. "$here/cluster/power.sh"
. "$here/cluster/control.sh"

require_root() { [ "$(id -u)" -eq 0 ] || die "run as root (containerd, kubelet, cgroups and the CNI bridges need it)"; }

usage() { sed -n '4,11p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

# grant_jsbench applies jsbench's RBAC manifest and writes a kubeconfig
# for its service account: jsbench and its tests run with exactly those
# rights.
grant_jsbench() {
  admin_kubectl apply -f "$repo/deploy/rbac.yaml" >/dev/null
  admin_kubectl apply -f "$here/cluster/fixtures.yaml" >/dev/null
  local token
  token=$(admin_kubectl -n "$namespace" create token jsbench --duration 8760h)
  kubeconfig "$S/jsbench.kubeconfig" jsbench "token: $token"
}

# choose_layout records the nodes and timers of a new cluster, or checks
# that those asked for are those of the running one.
choose_layout() {
  local n=$1 zones=$2 mode=$3 plan
  [ -z "$mode" ] || set_timers "$mode"
  if [ -f "$node_list" ]; then
    if [ -n "$n$zones" ]; then
      plan=$(plan_nodes "${n:-$(wc -l <"$node_list")}" "$zones")
      [ "$plan" = "$(cat "$node_list")" ] ||
        die "the cluster is up with other nodes ($(tr '\n' ' ' <"$node_list")); run scripts/cluster.sh down first"
    fi
    [ -z "$mode" ] || [ "$mode" = "$(cat "$S/timers")" ] ||
      die "the cluster runs with $(cat "$S/timers") timers; run scripts/cluster.sh down first"
  else
    plan=$(plan_nodes "${n:-2}" "$zones")
    set_timers "${mode:-upstream}"
    echo "$timers" >"$S/timers"
    echo "$plan" >"$node_list"
  fi
  set_timers "$(cat "$S/timers")"
}

# boot_nodes boots every node that is not running, all at once (each in
# a background shell; the script stops if one fails).
boot_nodes() {
  local ip=$1 node
  local -A boots=()
  for node in $(node_names); do
    if node_running "$node"; then
      say "$node: already on"
      continue
    fi
    (
      step=$(date +%s.%N)
      boot_node "$node" "$ip"
      say "$node: containerd up, images imported, kubelet started in $(elapsed "$step") s"
    ) &
    boots[$node]=$!
  done
  for node in "${!boots[@]}"; do
    wait "${boots[$node]}" || die "$node did not start; see $(nd "$node")/logs/"
  done
}

# wait_nodes_ready waits until every node is Ready, then says how long
# each took after its kubelet started, from the Ready condition's own
# timestamp (whole seconds).
wait_nodes_ready() {
  local node ready end=$((SECONDS + 120)) since
  while [ $SECONDS -lt $end ]; do
    ready=$(admin_kubectl get nodes -o jsonpath='{range .items[*]}{.metadata.name}={.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}')
    [ "$(grep -c '=True$' <<<"$ready")" -eq "$(node_names | wc -l)" ] && break
    sleep 0.2
  done
  [ $SECONDS -lt $end ] || die "nodes not Ready within 120 s: $(tr '\n' ' ' <<<"$ready"); see $S/nodes/*/logs/"
  for node in $(node_names); do
    since=$(admin_kubectl get node "$node" -o jsonpath='{.status.conditions[?(@.type=="Ready")].lastTransitionTime}')
    say "$node (zone $(node_zone "$node")) Ready $(awk -v a="$(cat "$(nd "$node")/kubelet.started")" \
      -v b="$(date -d "$since" +%s)" 'BEGIN {printf "%.0f", b - a}') s after its kubelet started"
  done
}

up() {
  require_root
  local n="" zones="" mode="" began step ip node
  while [ $# -gt 0 ]; do
    case $1 in
      --nodes | --zones | --timers) [ $# -ge 2 ] || die "up: $1 needs a value" ;;&
      --nodes) n=$2; shift 2 ;;
      --zones) zones=$2; shift 2 ;;
      --timers) mode=$2; shift 2 ;;
      --nodes=*) n=${1#*=}; shift ;;
      --zones=*) zones=${1#*=}; shift ;;
      --timers=*) mode=${1#*=}; shift ;;
      *) die "up: unknown argument \"$1\" (up [--nodes N] [--zones LIST] [--timers upstream|fast])" ;;
    esac
  done
  began=$(date +%s.%N)
  mkdir -p "$S"
  choose_layout "$n" "$zones" "$mode"
  install_packages
  step=$(date +%s.%N)
  BIN=$("$here/cluster/build.sh")
  echo "$BIN" >"$S/bin-dir"
  say "binaries ready in $(elapsed "$step") s ($BIN)"
  record_foreign_dirs
  share_root
  ip=$(node_ip)
  make_pki "$ip"
  step=$(date +%s.%N)
  build_images
  say "images built in $(elapsed "$step") s"
  step=$(date +%s.%N)
  start_etcd
  start_apiserver "$ip"
  say "API server ready in $(elapsed "$step") s"
  start_controllers
  boot_nodes "$ip"
  wait_nodes_ready
  grant_jsbench
  publish_cluster_facts
  "$here/cluster/storage.sh" up
  say "up in $(elapsed "$began") s: $(node_names | paste -sd ' ') Ready at $ip ($timers timers)"
  echo "export KUBECONFIG=$S/jsbench.kubeconfig"
}

# cluster_nodes prints every node `down` has to remove: those listed and
# those with a directory (a failed `up` may have left either alone).
cluster_nodes() {
  { node_names; [ ! -d "$S/nodes" ] || ls "$S/nodes"; } | sort -u
}

# delete_workloads removes every workload, pod and claim, jsbench's and
# any other, and waits for the pods to go, so that CNI releases their
# addresses and rules before the kubelets stop. Pods of a node that is
# off are deleted by force: no kubelet will confirm them.
delete_workloads() {
  api_up || return 0
  local node end
  quietly admin_kubectl delete daemonsets,deployments,statefulsets,pods,persistentvolumeclaims \
    --all --all-namespaces --grace-period 5 --wait=false || say "deleting the workloads went wrong (above); going on"
  for node in $(node_names); do
    node_running "$node" && continue
    quietly admin_kubectl delete pods --all-namespaces --field-selector "spec.nodeName=$node" \
      --force --grace-period 0 || say "deleting the pods of $node went wrong (above); going on"
  done
  end=$((SECONDS + 30))
  while [ $SECONDS -lt $end ] && [ -n "$(admin_kubectl get pods -A -o name)" ]; do sleep 0.5; done
  quietly admin_kubectl delete persistentvolumes --all --wait=false || say "deleting the volumes went wrong (above); going on"
}

down() {
  require_root
  [ -d "$S" ] || { say "not up"; return 0; }
  local began node left
  began=$(date +%s.%N)
  load_bin
  delete_workloads
  say "workloads deleted in $(elapsed "$began") s"
  "$here/cluster/storage.sh" down
  for node in $(cluster_nodes); do stop "$(nd "$node")/pids/kubelet.pid" 30; done
  stop "$S/pids/kube-scheduler.pid"
  stop "$S/pids/kube-controller-manager.pid"
  # The API server before etcd: the other order hangs its shutdown.
  stop "$S/pids/kube-apiserver.pid" 30
  stop "$S/pids/etcd.pid"
  say "kubelets and control plane stopped at $(elapsed "$began") s"
  for node in $(cluster_nodes); do
    stop_node "$node"
    clean_cni_rules "$node"
    delete_bridge "$node"
    remove_node_cgroups "$node"
  done
  unmount_below "$S"
  remove_foreign_dirs
  restore_root
  left=$(cni_leftovers)
  [ -z "$left" ] || say "iptables rules of the cluster's networks remain: $left"
  rm -rf "$S"
  if [ -d "$(dirname "$S")" ] && [ -z "$(ls -A "$(dirname "$S")")" ]; then rmdir "$(dirname "$S")"; fi
  say "down in $(elapsed "$began") s"
}

# power_state NODE prints on (all its processes run), off (none) or
# partial (some died: node-on boots it clean).
power_state() {
  if node_running "$1"; then echo on
  elif [ -z "$(node_pids "$1")" ]; then echo off
  else echo partial; fi
}

nodes() {
  [ -f "$node_list" ] || die "no cluster is up (no $node_list): run scripts/cluster.sh up"
  load_bin
  local node
  for node in $(node_names); do
    echo "$node $(node_zone "$node") $(power_state "$node") $(node_condition "$node")"
  done
}

status() {
  local name node d ok=0
  for name in etcd kube-apiserver kube-controller-manager kube-scheduler; do
    if alive "$S/pids/$name.pid"; then
      echo "$name: running (pid $(pid_of "$S/pids/$name.pid"))"
    else
      echo "$name: not running"; ok=1
    fi
  done
  [ -f "$node_list" ] || { echo "no nodes"; return 1; }
  load_bin
  for node in $(node_names); do
    d=$(nd "$node")
    for name in containerd kubelet; do
      if alive "$d/pids/$name.pid"; then
        echo "$node $name: running (pid $(pid_of "$d/pids/$name.pid"))"
      else
        echo "$node $name: not running"; ok=1
      fi
    done
    echo "$node (zone $(node_zone "$node")): Ready=$(node_condition "$node")"
    node_ready "$node" || ok=1
  done
  [ $ok -eq 0 ] || return 1
  echo "export KUBECONFIG=$S/jsbench.kubeconfig"
}

images() {
  require_root
  [ -f "$node_list" ] || die "no cluster is up (no $node_list): run scripts/cluster.sh up"
  local node
  build_images
  for node in $(node_names); do
    if node_running "$node"; then import_images "$node"; else say "$node is off: not imported"; fi
  done
}

# one_node prints the single NODE argument of node-off and node-on.
one_node() {
  [ $# -eq 1 ] && [ -n "$1" ] || die "give one node: scripts/cluster.sh node-off|node-on NODE (scripts/cluster.sh nodes lists them)"
  echo "$1"
}

case ${1:-} in
  up) shift; up "$@" ;;
  down) down ;;
  status) status ;;
  nodes) nodes ;;
  node-off) shift; node=$(one_node "$@"); require_root; node_off "$node" ;;
  node-on) shift; node=$(one_node "$@"); require_root; node_on "$node" ;;
  env)
    echo "export KUBECONFIG=$S/jsbench.kubeconfig"
    echo "export JSBENCH_NODE_IP=$(node_ip)"
    echo "export JSBENCH_NODES=\"$(node_names | paste -sd ' ')\"" ;;
  images) images ;;
  *) usage ;;
esac
