# Shared settings and helpers of scripts/cluster.sh (sourced, not run).
# Everything the cluster writes lives below $S, except the mount points
# the nodes bind their own directories over (see $foreign_dirs); every
# process it starts is recorded in a pid file below $S and stopped by
# that pid only, or, for a node's processes, through the node's cgroups.

version=${JSBENCH_K8S_VERSION:-v1.34.4}
S=${JSBENCH_CLUSTER_DIR:-/var/lib/jsbench/cluster}
namespace=${JSBENCH_CLUSTER_NAMESPACE:-jsbench}
host_name=$(hostname | tr '[:upper:]' '[:lower:]')
service_cidr=10.96.0.0/16
etcd_port=2379
api_port=6443
# The packages the cluster runs on, from Debian (containerd and runc also
# come with docker.io; private containerd instances are started anyway).
packages=(etcd-server containerd runc containernetworking-plugins iptables openssl)
cni_bin=/usr/lib/cni
# Paths outside $S that each node sees as its own: inside the node's
# mount namespace a directory of the node is bound over each of them
# (kubelet's root, the CNI library's cache, kubelet's container log
# links, containerd's shim sockets). The host only holds the empty mount
# points; `down` removes those that did not exist before `up` (recorded in
# $S/foreign), and /usr/libexec/kubernetes should a component create it.
node_paths=(/var/lib/kubelet /var/lib/cni /var/log/containers /run/containerd)
foreign_dirs=("${node_paths[@]}" /usr/libexec/kubernetes)
# The cgroup v1 controllers a node's tree spans; freezer and pids are
# the ones node-off works through.
cgroup_controllers=(blkio cpu cpuacct cpuset devices freezer memory pids systemd)

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

say() { echo "cluster: $*" >&2; }
die() { echo "cluster: $*" >&2; exit 1; }

node_ip() { ip route get 1 | awk '{for (i=1;i<NF;i++) if ($i=="src") {print $(i+1); exit}}'; }

# elapsed START [DIGITS] prints the seconds since START (a `date +%s.%N`
# reading), to DIGITS decimals (1 unless given).
elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" -v d="${2:-1}" 'BEGIN {printf "%." d "f", b-a}'; }

# default_bin is where scripts/cluster/build.sh keeps the binaries, for
# commands that run when `up` did not record them.
default_bin() { echo "${JSBENCH_K8S_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/jsbench/kubernetes}/$version/bin"; }

# load_bin sets BIN to the binaries `up` recorded.
load_bin() { BIN=$(cat "$S/bin-dir" 2>/dev/null || default_bin); }

admin_kubectl() { "$BIN/kubectl" --kubeconfig "$S/admin.kubeconfig" "$@"; }

api_up() { admin_kubectl get --raw /readyz >/dev/null 2>&1; }

# pid_of PIDFILE prints the recorded pid; fails without one.
pid_of() { [ -f "$1" ] && cat "$1"; }

alive() {
  local pid
  pid=$(pid_of "$1") || return 1
  kill -0 "$pid" 2>/dev/null
}

# spawn PIDFILE LOG CGROUP CMD... runs CMD in its own session, logging to
# LOG. With CGROUP (a node's name) the process first joins that node's
# cgroups, so that its whole tree can be frozen and killed at once. The
# recorded pid is CMD's own: setsid and nsenter exec without forking.
spawn() {
  local pidfile=$1 log=$2 cg=$3; shift 3
  alive "$pidfile" && return 0
  mkdir -p "$(dirname "$pidfile")" "$(dirname "$log")"
  (
    [ -z "$cg" ] || join_node_cgroups "$cg"
    exec setsid "$@" >"$log" 2>&1 </dev/null
  ) &
  echo $! >"$pidfile"
}

# start NAME CMD... runs a control-plane process, logging to $S/logs/NAME.log.
start() { local name=$1; shift; spawn "$S/pids/$name.pid" "$S/logs/$name.log" "" "$@"; }

# stop PIDFILE [GRACE] sends SIGTERM to the recorded pid, SIGKILL after GRACE s.
stop() {
  local pidfile=$1 grace=${2:-20} pid i
  pid=$(pid_of "$pidfile") || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < grace * 10; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      say "$(basename "$pidfile" .pid) did not stop within ${grace}s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$pidfile"
}

# quietly CMD... runs CMD without its output unless it fails, and then
# shows that output and returns CMD's status.
quietly() {
  local out rc=0
  out=$("$@" 2>&1) || rc=$?
  [ $rc -eq 0 ] || printf '%s\n' "$out" >&2
  return $rc
}

# wait_for WHAT SECONDS CMD... polls CMD every 0.2 s, for SECONDS of the
# clock (a slow CMD on a busy machine does not stretch the limit).
wait_for() {
  local what=$1 limit=$2 end; shift 2
  end=$((SECONDS + limit))
  while [ $SECONDS -lt $end ]; do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  die "$what not ready within ${limit}s; see the logs under $S"
}
