# Shared settings and helpers of scripts/cluster.sh (sourced, not run).
# Everything the cluster writes lives below $S, except what kubelet and the
# CNI library insist on writing elsewhere (see $foreign_dirs); every process
# it starts is recorded in $S/pids and stopped by that pid only.

version=${JSBENCH_K8S_VERSION:-v1.34.4}
S=${JSBENCH_CLUSTER_DIR:-/var/lib/jsbench/cluster}
namespace=${JSBENCH_CLUSTER_NAMESPACE:-jsbench}
node_name=$(hostname | tr '[:upper:]' '[:lower:]')
pod_cidr=10.244.0.0/16
service_cidr=10.96.0.0/16
bridge=jsbench0
etcd_port=2379
api_port=6443
# The packages the cluster runs on, from Debian (containerd and runc also
# come with docker.io; a private containerd instance is started anyway).
packages=(etcd-server containerd runc containernetworking-plugins iptables openssl)
cni_bin=/usr/lib/cni
# Directories kubelet and the CNI library create outside $S; `down`
# removes those that did not exist before `up` (recorded in $S/foreign).
foreign_dirs=(/var/lib/kubelet /usr/libexec/kubernetes /var/lib/cni)

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

say() { echo "cluster: $*" >&2; }
die() { echo "cluster: $*" >&2; exit 1; }

node_ip() { ip route get 1 | awk '{for (i=1;i<NF;i++) if ($i=="src") {print $(i+1); exit}}'; }

# elapsed prints the seconds since $1 (a `date +%s.%N` reading), to 0.1 s.
elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b-a}'; }

admin_kubectl() { "$BIN/kubectl" --kubeconfig "$S/admin.kubeconfig" "$@"; }

pid_of() { [ -f "$S/pids/$1.pid" ] && cat "$S/pids/$1.pid"; }

running() {
  local pid
  pid=$(pid_of "$1") || return 1
  kill -0 "$pid" 2>/dev/null
}

# start NAME CMD... runs CMD in its own session, logging to $S/logs/NAME.log.
start() {
  local name=$1; shift
  if running "$name"; then return 0; fi
  mkdir -p "$S/logs" "$S/pids"
  setsid "$@" >"$S/logs/$name.log" 2>&1 </dev/null &
  echo $! >"$S/pids/$name.pid"
}

# stop NAME [GRACE] sends SIGTERM to the recorded pid, SIGKILL after GRACE s.
stop() {
  local name=$1 grace=${2:-20} pid i
  pid=$(pid_of "$name") || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < grace * 10; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      say "$name did not stop within ${grace}s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$S/pids/$name.pid"
}

# wait_for WHAT SECONDS CMD... polls CMD every 0.2 s.
wait_for() {
  local what=$1 limit=$2 i; shift 2
  for ((i = 0; i < limit * 5; i++)); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  die "$what not ready within ${limit}s; see $S/logs/"
}
