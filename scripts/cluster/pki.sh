# Certificates, keys and kubeconfigs of the local cluster (sourced by
# scripts/cluster.sh). One CA signs everything; every component has its
# own identity, so that the API server's Node and RBAC authorizers see the
# same users as on a real cluster.

# cert NAME SUBJECT [SANS] writes $S/pki/NAME.{key,crt}, signed by the CA.
cert() {
  local name=$1 subject=$2 sans=${3:-} ext
  [ -f "$S/pki/$name.crt" ] && return 0
  ext=$(mktemp)
  {
    echo "basicConstraints=CA:FALSE"
    echo "keyUsage=critical,digitalSignature,keyEncipherment"
    if [ -n "$sans" ]; then
      echo "extendedKeyUsage=serverAuth,clientAuth"
      echo "subjectAltName=$sans"
    else
      echo "extendedKeyUsage=clientAuth"
    fi
  } >"$ext"
  openssl genrsa -out "$S/pki/$name.key" 2048 2>/dev/null
  openssl req -new -key "$S/pki/$name.key" -subj "$subject" -out "$S/pki/$name.csr" 2>/dev/null
  openssl x509 -req -in "$S/pki/$name.csr" -CA "$S/pki/ca.crt" -CAkey "$S/pki/ca.key" \
    -CAcreateserial -days 3650 -sha256 -extfile "$ext" -out "$S/pki/$name.crt" 2>/dev/null
  rm -f "$ext" "$S/pki/$name.csr"
}

# kubeconfig NAME CREDENTIAL... writes $S/NAME.kubeconfig for a user whose
# credentials are the given "key: value" lines (a client certificate and
# key, or a token).
kubeconfig() {
  local name=$1 line; shift
  {
    cat <<YAML
apiVersion: v1
kind: Config
clusters:
- name: jsbench-local
  cluster:
    server: https://127.0.0.1:$api_port
    certificate-authority: $S/pki/ca.crt
users:
- name: $name
  user:
YAML
    for line in "$@"; do echo "    $line"; done
    cat <<YAML
contexts:
- name: jsbench-local
  context: {cluster: jsbench-local, user: $name, namespace: $namespace}
current-context: jsbench-local
YAML
  } >"$S/$name.kubeconfig"
  chmod 600 "$S/$name.kubeconfig"
}

# cert_kubeconfig NAME writes $S/NAME.kubeconfig for the client cert NAME.
cert_kubeconfig() { kubeconfig "$1" "client-certificate: $S/pki/$1.crt" "client-key: $S/pki/$1.key"; }

make_pki() {
  local ip=$1
  mkdir -p "$S/pki"
  chmod 700 "$S/pki"
  if [ ! -f "$S/pki/ca.crt" ]; then
    openssl genrsa -out "$S/pki/ca.key" 2048 2>/dev/null
    openssl req -x509 -new -key "$S/pki/ca.key" -subj "/CN=jsbench-local-ca" -days 3650 \
      -out "$S/pki/ca.crt" 2>/dev/null
  fi
  local first_service_ip=10.96.0.1
  cert apiserver "/CN=kube-apiserver" \
    "DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local,DNS:localhost,DNS:$node_name,IP:127.0.0.1,IP:$first_service_ip,IP:$ip"
  cert admin "/O=system:masters/CN=jsbench-cluster-admin"
  cert apiserver-kubelet-client "/O=system:masters/CN=kube-apiserver-kubelet-client"
  cert controller-manager "/CN=system:kube-controller-manager"
  cert scheduler "/CN=system:kube-scheduler"
  cert kubelet "/O=system:nodes/CN=system:node:$node_name" "DNS:$node_name,IP:$ip,IP:127.0.0.1"
  if [ ! -f "$S/pki/sa.key" ]; then
    openssl genrsa -out "$S/pki/sa.key" 2048 2>/dev/null
    openssl rsa -in "$S/pki/sa.key" -pubout -out "$S/pki/sa.pub" 2>/dev/null
  fi
  cert_kubeconfig admin
  cert_kubeconfig controller-manager
  cert_kubeconfig scheduler
  cert_kubeconfig kubelet
}
