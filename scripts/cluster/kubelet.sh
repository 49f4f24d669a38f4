# A node's kubelet, and a node started or stopped as a whole (sourced by
# scripts/cluster.sh).

# node_credentials NODE writes the node's client certificate
# (O=system:nodes, CN=system:node:NODE, as the Node authorizer expects)
# and its kubeconfig.
node_credentials() {
  local node=$1 d
  d=$(nd "$node")
  cert "$d/pki" kubelet "/O=system:nodes/CN=system:node:$node"
  kubeconfig "$d/kubelet.kubeconfig" "system:node:$node" \
    "client-certificate: $d/pki/kubelet.crt" "client-key: $d/pki/kubelet.key"
}

write_kubelet_config() {
  local node=$1 d
  d=$(nd "$node")
  mkdir -p "$d/pod-logs" "$d/volume-plugins"
  cat >"$d/kubelet.yaml" <<YAML
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
containerRuntimeEndpoint: unix://$d/containerd.sock
cgroupDriver: cgroupfs
# Every pod of the node below /$node, beside its daemons in /$node/system.
cgroupRoot: /$node
# cgroup v1 (hybrid) host: kubelet 1.34 still runs on it when told so.
failCgroupV1: false
failSwapOn: false
# Every node listens on this machine's address: ports of its own.
port: $(kubelet_port "$node")
healthzPort: $(healthz_port "$node")
healthzBindAddress: 127.0.0.1
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: $S/pki/ca.crt}
authorization: {mode: Webhook}
readOnlyPort: 0
podLogsDir: $d/pod-logs
volumePluginDir: $d/volume-plugins
# The disk is shared and often nearly full: percentages would evict
# every pod, absolute sizes do not.
evictionHard:
  nodefs.available: 300Mi
  imagefs.available: 300Mi
  memory.available: 100Mi
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
serializeImagePulls: false
# Node status and lease timers stay at upstream defaults (10 s, 40 s).
YAML
}

# start_kubelet NODE IP starts the kubelet in the node's namespace, where
# its root is the standard /var/lib/kubelet (the node's own directory).
start_kubelet() {
  local node=$1 ip=$2 d
  d=$(nd "$node")
  write_kubelet_config "$node"
  spawn "$d/pids/kubelet.pid" "$d/logs/kubelet.log" "$node" \
    nsenter -t "$(holder_pid "$node")" -m -- "$BIN/kubelet" \
    --config "$d/kubelet.yaml" --kubeconfig "$d/kubelet.kubeconfig" \
    --root-dir /var/lib/kubelet --hostname-override "$node" --node-ip "$ip" \
    --node-labels "topology.kubernetes.io/zone=$(node_zone "$node"),topology.kubernetes.io/region=local" \
    --v 1
  date +%s.%N >"$d/kubelet.started"
}

# start_node NODE IP brings the node's runtime up, images imported, and
# starts its kubelet; it does not wait for the node to be Ready.
start_node() {
  local node=$1 ip=$2
  make_node_cgroups "$node"
  start_namespace "$node"
  node_credentials "$node"
  start_containerd "$node"
  import_images "$node"
  start_kubelet "$node" "$ip"
}

node_running() {
  local d p
  d=$(nd "$1")
  for p in holder containerd kubelet; do alive "$d/pids/$p.pid" || return 1; done
}

# node_condition NODE prints the node's Ready condition (True, False,
# Unknown), "absent" without a Node object, "-" when the API is down.
node_condition() {
  local out
  api_up || { echo -; return 0; }
  if ! out=$(admin_kubectl get node "$1" --ignore-not-found \
    -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}'); then
    echo -; return 0
  fi
  echo "${out:-absent}"
}

node_ready() { [ "$(node_condition "$1")" = True ]; }

# remove_containers NODE kills and removes every container of the node
# through its containerd, for an orderly stop.
remove_containers() {
  local node=$1 id
  alive "$(nd "$node")/pids/containerd.pid" || return 0
  for id in $(ctr_node "$node" tasks list -q); do
    ctr_node "$node" tasks kill -s SIGKILL "$id" >/dev/null || true
  done
  sleep 0.5
  for id in $(ctr_node "$node" tasks list -q); do ctr_node "$node" tasks delete -f "$id" >/dev/null || true; done
  for id in $(ctr_node "$node" containers list -q); do ctr_node "$node" containers delete "$id" >/dev/null || true; done
}

# stop_node NODE stops the node in order (kubelet, containers,
# containerd), then kills what is left of its tree (shims, the holder).
stop_node() {
  local node=$1 d
  d=$(nd "$node")
  stop "$d/pids/kubelet.pid" 30
  remove_containers "$node"
  stop "$d/pids/containerd.pid" 20
  kill_tree "$node" >/dev/null
  rm -f "$d/pids/holder.pid"
}
