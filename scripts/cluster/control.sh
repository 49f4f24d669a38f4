# The control plane of the local cluster (sourced by scripts/cluster.sh):
# etcd from Debian, then kube-apiserver, kube-controller-manager and
# kube-scheduler built by scripts/cluster/build.sh; and the timers that
# decide how fast Kubernetes reacts to a lost node.

# set_timers MODE sets the timers the cluster runs with. "upstream" (the
# default) is Kubernetes v1.34.4's own defaults, read in its source
# (k8s.io/kubernetes@v1.34.4 unless said otherwise):
#   node-monitor-grace-period 50s: pkg/controller/nodelifecycle/config/
#     v1alpha1/defaults.go (RecommendedDefaultNodeLifecycleControllerConfiguration)
#   node-monitor-period 5s: k8s.io/cloud-provider@v0.34.4 config/v1alpha1/
#     defaults.go (SetDefaults_KubeCloudSharedConfiguration)
#   default-{not-ready,unreachable}-toleration-seconds 300:
#     plugin/pkg/admission/defaulttolerationseconds/admission.go
#   attach/detach force-detach after 6m of a pod unmounting on an
#     unhealthy node: pkg/controller/volume/attachdetach/
#     attach_detach_controller.go (DefaultTimerConfig; no flag sets it)
#   pod GC every 20s, orphans quarantined 40s: pkg/controller/podgc/
#     gc_controller.go (constants); terminated-pod-gc-threshold 12500:
#     pkg/controller/podgc/config/v1alpha1/defaults.go
#   kubelet lease 40s, status every 10s: pkg/kubelet/apis/config/
#     v1beta1/defaults.go (the nodes keep these in both modes)
# "fast" (`up --timers fast`, for tests that cannot wait minutes) marks a
# silent node unreachable after 20s and evicts its pods 30s later; what
# no flag sets stays as upstream.
set_timers() {
  case $1 in
    upstream) monitor_grace=50s monitor_period=5s not_ready_toleration=300 unreachable_toleration=300 ;;
    fast) monitor_grace=20s monitor_period=2s not_ready_toleration=30 unreachable_toleration=30 ;;
    *) die "--timers $1: give upstream or fast" ;;
  esac
  timers=$1
}

start_etcd() {
  mkdir -p "$S/etcd"
  chmod 700 "$S/etcd"
  start etcd etcd --name jsbench --data-dir "$S/etcd" \
    --listen-client-urls "http://127.0.0.1:$etcd_port" --advertise-client-urls "http://127.0.0.1:$etcd_port" \
    --listen-peer-urls http://127.0.0.1:2380 --initial-advertise-peer-urls http://127.0.0.1:2380 \
    --initial-cluster jsbench=http://127.0.0.1:2380
  wait_for etcd 30 curl -sf "http://127.0.0.1:$etcd_port/health"
}

start_apiserver() {
  local ip=$1
  # --kubelet-preferred-address-types: every node has this machine's
  # address and a name that resolves nowhere; the default order tries the
  # name first and logs and exec fail with "no such host".
  start kube-apiserver "$BIN/kube-apiserver" \
    --etcd-servers "http://127.0.0.1:$etcd_port" \
    --advertise-address "$ip" --bind-address 0.0.0.0 --secure-port "$api_port" \
    --tls-cert-file "$S/pki/apiserver.crt" --tls-private-key-file "$S/pki/apiserver.key" \
    --client-ca-file "$S/pki/ca.crt" \
    --service-account-key-file "$S/pki/sa.pub" --service-account-signing-key-file "$S/pki/sa.key" \
    --service-account-issuer https://kubernetes.default.svc.cluster.local \
    --service-cluster-ip-range "$service_cidr" \
    --kubelet-client-certificate "$S/pki/apiserver-kubelet-client.crt" \
    --kubelet-client-key "$S/pki/apiserver-kubelet-client.key" \
    --kubelet-preferred-address-types InternalIP,Hostname,InternalDNS,ExternalDNS,ExternalIP \
    --default-not-ready-toleration-seconds "$not_ready_toleration" \
    --default-unreachable-toleration-seconds "$unreachable_toleration" \
    --authorization-mode Node,RBAC --enable-admission-plugins NodeRestriction \
    --allow-privileged=true --v 1
  wait_for kube-apiserver 90 admin_kubectl get --raw /readyz
}

start_controllers() {
  # --pvclaimbinder-sync-period: binding a claim to a pre-bound PV (the
  # hostPath PVs of jsbench's local and emulated volumes) often loses a
  # write race between the volume controller's own workers and then
  # waits for its next periodic sync, up to 15 s by default: 2 s here,
  # so that local timings show the storage rather than that race.
  # --flex-volume-plugin-dir: below $S rather than /usr/libexec/kubernetes.
  start kube-controller-manager "$BIN/kube-controller-manager" \
    --pvclaimbinder-sync-period 2s \
    --node-monitor-grace-period "$monitor_grace" --node-monitor-period "$monitor_period" \
    --flex-volume-plugin-dir "$S/flexvolume" \
    --kubeconfig "$S/controller-manager.kubeconfig" \
    --authentication-kubeconfig "$S/controller-manager.kubeconfig" \
    --authorization-kubeconfig "$S/controller-manager.kubeconfig" \
    --use-service-account-credentials \
    --service-account-private-key-file "$S/pki/sa.key" --root-ca-file "$S/pki/ca.crt" \
    --cluster-signing-cert-file "$S/pki/ca.crt" --cluster-signing-key-file "$S/pki/ca.key" \
    --service-cluster-ip-range "$service_cidr" \
    --leader-elect=false --bind-address 127.0.0.1 --v 1
  start kube-scheduler "$BIN/kube-scheduler" \
    --kubeconfig "$S/scheduler.kubeconfig" \
    --authentication-kubeconfig "$S/scheduler.kubeconfig" \
    --authorization-kubeconfig "$S/scheduler.kubeconfig" \
    --leader-elect=false --bind-address 127.0.0.1 --v 1
}

# publish_cluster_facts writes the ConfigMap jsbench-cluster in jsbench's
# namespace: the nodes, their zones and the timers they run under, so
# that a report can name the timers behind each figure it shows.
publish_cluster_facts() {
  local zones
  zones=$(awk '{printf "%s%s=%s", (NR > 1 ? " " : ""), $1, $2}' "$node_list")
  admin_kubectl -n "$namespace" create configmap jsbench-cluster --dry-run=client -o yaml \
    --from-literal "kubernetes-version=$version" \
    --from-literal "nodes=$(node_names | paste -sd ' ')" \
    --from-literal "zones=$zones" \
    --from-literal "timers=$timers" \
    --from-literal "node-monitor-grace-period=$monitor_grace" \
    --from-literal "node-monitor-period=$monitor_period" \
    --from-literal "default-not-ready-toleration-seconds=$not_ready_toleration" \
    --from-literal "default-unreachable-toleration-seconds=$unreachable_toleration" \
    --from-literal "attach-detach-max-wait-for-unmount=6m0s" \
    --from-literal "pod-gc=period 20s, orphan quarantine 40s, terminated-pod-gc-threshold 12500" \
    --from-literal "node-lease-duration-seconds=40" \
    --from-literal "node-status-update-frequency=10s" \
    --from-literal "pvclaimbinder-sync-period=2s" |
    admin_kubectl apply -f - >/dev/null
}
