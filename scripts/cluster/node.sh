# The node's runtime of the local cluster (sourced by scripts/cluster.sh):
# a private containerd with CRI, the CNI bridge, and kubelet.

start_containerd() {
  mkdir -p "$S/containerd" "$S/cni/net.d" "$S/cni/ipam"
  cat >"$S/containerd/config.toml" <<TOML
# A private containerd for the local cluster: its own root, state and
# sockets, never the instance Docker uses.
version = 2
root = "$S/containerd/root"
state = "$S/containerd/state"
[grpc]
  address = "$S/containerd.sock"
[ttrpc]
  address = "$S/containerd-ttrpc.sock"
[debug]
  address = "$S/containerd-debug.sock"
[metrics]
  address = ""
[plugins."io.containerd.internal.v1.opt"]
  path = "$S/containerd/opt"
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
        Root = "$S/runc"
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "$cni_bin"
    conf_dir = "$S/cni/net.d"
    max_conf_num = 1
TOML
  cat >"$S/cni/net.d/10-jsbench.conflist" <<JSON
{
  "cniVersion": "0.4.0",
  "name": "jsbench",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "$bridge",
      "isGateway": true,
      "ipMasq": true,
      "hairpinMode": true,
      "ipam": {
        "type": "host-local",
        "dataDir": "$S/cni/ipam",
        "ranges": [[{"subnet": "$pod_cidr"}]],
        "routes": [{"dst": "0.0.0.0/0"}]
      }
    },
    {"type": "portmap", "capabilities": {"portMappings": true}}
  ]
}
JSON
  start containerd containerd --config "$S/containerd/config.toml"
  wait_for containerd 30 ctr --address "$S/containerd.sock" version
}

ctr_k8s() { ctr --address "$S/containerd.sock" -n k8s.io "$@"; }

# import_images writes jsbench's images (pause, simulated controller,
# restore) as archives, kept in the cache by tag, and imports them: the
# cluster pulls nothing.
import_images() {
  local dir="${XDG_CACHE_HOME:-$HOME/.cache}/jsbench/images" ref file
  mkdir -p "$dir"
  (cd "$repo" && make -s build >&2)
  "$repo/bin/jsbench-images" --out "$dir" >"$S/images.list"
  while read -r ref file; do
    if ctr_k8s images check "name==$ref" 2>/dev/null | grep -q .; then
      continue
    fi
    ctr_k8s images import "$file" >/dev/null
    say "imported $ref"
  done <"$S/images.list"
}

start_kubelet() {
  local ip=$1
  mkdir -p "$S/kubelet" "$S/kubelet-pki" "$S/pod-logs" "$S/volume-plugins"
  cat >"$S/kubelet.yaml" <<YAML
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
containerRuntimeEndpoint: unix://$S/containerd.sock
cgroupDriver: cgroupfs
# cgroup v1 (hybrid) host: kubelet 1.34 still runs on it when told so.
failCgroupV1: false
failSwapOn: false
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: $S/pki/ca.crt}
authorization: {mode: Webhook}
readOnlyPort: 0
podLogsDir: $S/pod-logs
volumePluginDir: $S/volume-plugins
# The disk is shared and often nearly full: percentages would evict
# every pod, absolute sizes do not.
evictionHard:
  nodefs.available: 300Mi
  imagefs.available: 300Mi
  memory.available: 100Mi
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
serializeImagePulls: false
YAML
  start kubelet "$BIN/kubelet" --config "$S/kubelet.yaml" --kubeconfig "$S/kubelet.kubeconfig" \
    --hostname-override "$node_name" --node-ip "$ip" --root-dir "$S/kubelet" \
    --cert-dir "$S/kubelet-pki" --v 1
}

node_ready() {
  admin_kubectl get node "$node_name" \
    -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null | grep -q True
}
