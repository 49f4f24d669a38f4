# One node of the local cluster (sourced by scripts/cluster.sh): a
# private containerd with CRI and its own CNI bridge, and a kubelet, both
# inside the node's cgroup tree (/NODE in every controller, so that the
# node can be frozen and killed as a whole) and inside a mount namespace
# of its own, where the node's directories are bound over the standard
# paths of $node_paths. That namespace is a slave of the host's: mounts
# made later on the host (jsbench's FUSE file systems) appear in every
# node, mounts made in a node stay there.

# make_node_cgroups NODE creates NODE/system in every controller. cpuset
# accepts no task before its cpus and mems are set, at each level.
make_node_cgroups() {
  local node=$1 c d
  for c in "${cgroup_controllers[@]}"; do mkdir -p "/sys/fs/cgroup/$c/$node/system"; done
  for d in "/sys/fs/cgroup/cpuset/$node" "/sys/fs/cgroup/cpuset/$node/system"; do
    cat /sys/fs/cgroup/cpuset/cpuset.cpus >"$d/cpuset.cpus"
    cat /sys/fs/cgroup/cpuset/cpuset.mems >"$d/cpuset.mems"
  done
}

# join_node_cgroups NODE moves the calling (sub)shell into NODE/system;
# what it then runs, and all that forks, stays in the node's tree.
join_node_cgroups() {
  local c
  for c in "${cgroup_controllers[@]}"; do
    echo "$BASHPID" >"/sys/fs/cgroup/$c/$1/system/cgroup.procs"
  done
}

# node_pids NODE prints every pid of the node's tree: daemons, holder,
# shims, pods.
node_pids() {
  local c
  for c in pids freezer; do
    if [ -d "/sys/fs/cgroup/$c/$1" ]; then find "/sys/fs/cgroup/$c/$1" -name cgroup.procs -exec cat {} +; fi
  done | sort -un
}

# remove_node_cgroups NODE removes the node's (empty) cgroup tree in every
# hierarchy, those runc and kubelet add (unified) included.
remove_node_cgroups() {
  local d
  for d in /sys/fs/cgroup/*/"$1"; do
    if [ -d "$d" ]; then find "$d" -depth -type d -exec rmdir {} +; fi
  done
}

holder_pid() { pid_of "$(nd "$1")/pids/holder.pid"; }

# in_node NODE CMD... runs CMD in the node's mount namespace.
in_node() { nsenter -t "$(holder_pid "$1")" -m -- "${@:2}"; }

holder_ready() {
  local pid
  pid=$(holder_pid "$1") || return 1
  [ "$(cat "/proc/$pid/comm")" = sleep ] &&
    [ "$(readlink "/proc/$pid/ns/mnt")" != "$(readlink /proc/self/ns/mnt)" ]
}

# start_namespace NODE starts the process that holds the node's mount
# namespace and binds the node's directories over $node_paths there.
# /var/lib/kubelet is made rshared inside, for pods whose mounts are
# Bidirectional (a CSI node plugin's).
start_namespace() {
  local node=$1 p
  spawn "$(nd "$node")/pids/holder.pid" "$(nd "$node")/logs/holder.log" "$node" \
    unshare -m --propagation slave sleep infinity
  wait_for "mount namespace of $node" 10 holder_ready "$node"
  for p in "${node_paths[@]}"; do
    mkdir -p "$p" "$(nd "$node")/root$p"
    in_node "$node" mount --bind "$(nd "$node")/root$p" "$p"
  done
  in_node "$node" mount --make-rshared /var/lib/kubelet
}

# write_containerd_config NODE writes the node's containerd configuration
# and its CNI network: every path below the node's directory.
write_containerd_config() {
  local node=$1 d
  d=$(nd "$node")
  mkdir -p "$d/containerd" "$d/cni/net.d" "$d/cni/ipam"
  cat >"$d/containerd/config.toml" <<TOML
# The private containerd of node $node: its own root, state and sockets,
# never the instance Docker uses.
version = 2
root = "$d/containerd/root"
state = "$d/containerd/state"
[grpc]
  address = "$d/containerd.sock"
[ttrpc]
  address = "$d/containerd-ttrpc.sock"
[debug]
  address = "$d/containerd-debug.sock"
[metrics]
  address = ""
[plugins."io.containerd.internal.v1.opt"]
  path = "$d/containerd/opt"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "localhost/jsbench/pause:local"
  # root here lacks CAP_SYS_RESOURCE: without this runc fails with
  # "can't get final child's PID from pipe: EOF".
  restrict_oom_score_adj = true
  netns_mounts_under_state_dir = true
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
        Root = "$d/runc"
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "$cni_bin"
    conf_dir = "$d/cni/net.d"
    max_conf_num = 1
TOML
  cat >"$d/cni/net.d/10-$node.conflist" <<JSON
{
  "cniVersion": "0.4.0",
  "name": "$node",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "$node",
      "isGateway": true,
      "ipMasq": true,
      "hairpinMode": true,
      "ipam": {
        "type": "host-local",
        "dataDir": "$d/cni/ipam",
        "ranges": [[{"subnet": "$(pod_subnet "$node")"}]],
        "routes": [{"dst": "0.0.0.0/0"}]
      }
    },
    {"type": "portmap", "capabilities": {"portMappings": true}}
  ]
}
JSON
}

ctr_node() { ctr --address "$(nd "$1")/containerd.sock" -n k8s.io "${@:2}"; }

start_containerd() {
  local node=$1
  write_containerd_config "$node"
  spawn "$(nd "$node")/pids/containerd.pid" "$(nd "$node")/logs/containerd.log" "$node" \
    nsenter -t "$(holder_pid "$node")" -m -- containerd --config "$(nd "$node")/containerd/config.toml"
  wait_for "containerd of $node" 30 ctr --address "$(nd "$node")/containerd.sock" version
}

# build_images writes jsbench's images (pause, simulated controller,
# restore) as archives, kept in the cache by tag, and lists them in
# $S/images.list: built once, imported into every node.
build_images() {
  local dir="${XDG_CACHE_HOME:-$HOME/.cache}/jsbench/images"
  mkdir -p "$dir"
  (cd "$repo" && make -s build >&2)
  "$repo/bin/jsbench-images" --out "$dir" >"$S/images.list"
  # The storage stack's images (scripts/cluster/storage.sh) stay listed,
  # so that a node booted again gets them too.
  [ -f "$S/storage-images.list" ] && cat "$S/storage-images.list" >>"$S/images.list"
  return 0
}

# import_images NODE imports the listed archives the node lacks: the
# cluster pulls nothing.
import_images() {
  local node=$1 ref file
  while read -r ref file; do
    [ -n "$(ctr_node "$node" images ls -q "name==$ref")" ] && continue
    ctr_node "$node" images import "$file" >/dev/null
    say "$node: imported $ref"
  done <"$S/images.list"
}
