# Losing a node and getting it back (sourced by scripts/cluster.sh):
# node-off is a power cut, node-on a reboot. Nothing graceful runs on the
# way down, as when a machine loses power: no kubelet shutdown, no CNI
# DEL, no unmount; the reboot cleans what such a cut leaves.

# now_us prints the clock in microseconds, for deadlines a busy machine
# does not stretch (sleep 0.01 can take 0.3 s here).
now_us() { echo "${EPOCHREALTIME//[.,]/}"; }

# kill_tree NODE freezes the node's whole cgroup tree (daemons, holder,
# shims, pods), SIGKILLs every process of it, thaws it and waits until it
# is empty; prints the seconds until it was frozen (from then on the node
# does nothing; "-" if it was not within 2 s) and until it was empty.
kill_tree() {
  local node=$1 fz=/sys/fs/cgroup/freezer/$1 began frozen=- state="" p end
  began=$(date +%s.%N)
  if [ -d "$fz" ]; then
    echo FROZEN >"$fz/freezer.state"
    # FREEZING until every task has stopped. A task waiting in the kernel
    # on another task of the tree (a FUSE request to a frozen FUSE server
    # of a CSI node plugin, say) never does: after 2 s, SIGKILL anyway,
    # which ends such waits.
    end=$(($(now_us) + 2000000))
    while [ "$(now_us)" -lt $end ]; do
      read -r state <"$fz/freezer.state"
      [ "$state" = FROZEN ] && break
      sleep 0.01
    done
    [ "$state" != FROZEN ] || frozen=$(elapsed "$began" 3)
  fi
  for p in $(node_pids "$node"); do
    # A listed process may have exited since: only a survivor matters.
    kill -KILL "$p" 2>/dev/null || [ ! -d "/proc/$p" ] || say "cannot kill $p of $node"
  done
  [ ! -d "$fz" ] || echo THAWED >"$fz/freezer.state"
  end=$(($(now_us) + 30000000))
  until tree_empty "$node"; do
    [ "$(now_us)" -lt $end ] || die "processes of $node survive SIGKILL: $(node_pids "$node" | tr '\n' ' ')"
    sleep 0.01
  done
  echo "$frozen $(elapsed "$began" 3)"
}

# tree_empty NODE tells whether no process is left in the node's tree:
# at once when the pids controller counts none in the whole subtree;
# otherwise from the cgroups' lists, which leave out the dead whose
# parent has not reaped them yet (the pids controller still counts them).
tree_empty() {
  local n=0
  [ ! -f "/sys/fs/cgroup/pids/$1/pids.current" ] || read -r n <"/sys/fs/cgroup/pids/$1/pids.current"
  [ "$n" -eq 0 ] || [ -z "$(node_pids "$1")" ]
}

# node_off NODE cuts the node's power; a node already off stays so.
node_off() {
  local node=$1 took
  require_node "$node"
  if [ -z "$(node_pids "$node")" ]; then
    echo "$node is already off"
    return 0
  fi
  took=$(kill_tree "$node")
  rm -f "$(nd "$node")"/pids/*.pid
  if [ "${took% *}" = - ]; then
    echo "$node off in ${took#* } s (not frozen within 2 s: killed while freezing)"
  else
    echo "$node off in ${took#* } s (frozen after ${took% *} s)"
  fi
}

# clean_after_power_off NODE removes what a power cut leaves and a reboot
# would not find: containerd's state and runc's root (tmpfs on a real
# machine) with the shims' sockets, the CNI cache and IP reservations of
# pods that no longer exist, their iptables rules, the bridge, stale
# mounts and the node's cgroups. containerd's root and kubelet's root
# stay, as a disk would; both clean up their dead pods when they start.
clean_after_power_off() {
  local node=$1 d
  d=$(nd "$node")
  unmount_below "$d"
  rm -rf "$d/containerd/state" "$d/runc" "$d/root/run/containerd" "$d/root/var/lib/cni" "$d/cni/ipam"
  clean_cni_rules "$node"
  delete_bridge "$node"
  remove_node_cgroups "$node"
}

# remove_out_of_service NODE removes the non-graceful shutdown taint
# (node.kubernetes.io/out-of-service) before the node comes back, as the
# Kubernetes documentation asks once the node is recovered.
remove_out_of_service() {
  local keys
  keys=$(admin_kubectl get node "$1" --ignore-not-found -o jsonpath='{.spec.taints[*].key}')
  [[ " $keys " == *" node.kubernetes.io/out-of-service "* ]] || return 0
  admin_kubectl taint node "$1" node.kubernetes.io/out-of-service- >/dev/null
  say "$1: removed the out-of-service taint"
}

# boot_node NODE IP starts a node that is not running as a machine
# boots: whatever is left of it (a daemon that survived a crash of the
# other) is cut first, then what a power cut leaves is cleaned. It does
# not wait for the node to be Ready.
boot_node() {
  local node=$1 ip=$2
  [ -z "$(node_pids "$node")" ] || kill_tree "$node" >/dev/null
  remove_out_of_service "$node"
  clean_after_power_off "$node"
  start_node "$node" "$ip"
}

# node_on NODE reboots a node that is off (also one whose Node object was
# deleted: its kubelet registers it again) and waits until it is Ready; a
# node that is on is only waited for.
node_on() {
  local node=$1 began
  require_node "$node"
  load_bin
  api_up || die "the API server does not answer: bring the cluster up first (scripts/cluster.sh up)"
  if node_running "$node"; then
    wait_for "node $node" 120 node_ready "$node"
    echo "$node is already on (Ready)"
    return 0
  fi
  began=$(date +%s.%N)
  boot_node "$node" "$(node_ip)"
  wait_for "node $node" 120 node_ready "$node"
  echo "$node on in $(elapsed "$began") s (Ready)"
}
