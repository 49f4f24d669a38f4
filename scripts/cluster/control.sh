# The control plane of the local cluster (sourced by scripts/cluster.sh):
# etcd from Debian, then kube-apiserver, kube-controller-manager and
# kube-scheduler built by scripts/cluster/build.sh.

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
  start kube-controller-manager "$BIN/kube-controller-manager" \
    --pvclaimbinder-sync-period 2s \
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
