# Certificates, keys and kubeconfigs of the local cluster (sourced by
# scripts/cluster.sh). One CA signs everything; every component and every
# node has its own identity, so that the API server's Node and RBAC
# authorizers see the same users as on a real cluster.

# ossl ARGS... runs openssl, quiet when it succeeds; when it fails, what
# it said is shown and the script stops.
ossl() { quietly openssl "$@" || die "openssl $1 exited non-zero (its output is above)"; }

# cert DIR NAME SUBJECT [SANS] writes DIR/NAME.{key,crt}, signed by the
# cluster CA. Serial numbers come from DIR/ca.srl: a node's certificate
# never touches the serial file of the cluster's own.
cert() {
  local dir=$1 name=$2 subject=$3 sans=${4:-} ext
  [ -f "$dir/$name.crt" ] && return 0
  mkdir -p "$dir"
  chmod 700 "$dir"
  ext="$dir/$name.ext"
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
  ossl genrsa -out "$dir/$name.key" 2048
  ossl req -new -key "$dir/$name.key" -subj "$subject" -out "$dir/$name.csr"
  ossl x509 -req -in "$dir/$name.csr" -CA "$S/pki/ca.crt" -CAkey "$S/pki/ca.key" \
    -CAserial "$dir/ca.srl" -CAcreateserial -days 3650 -sha256 -extfile "$ext" -out "$dir/$name.crt"
  rm -f "$ext" "$dir/$name.csr"
}

# kubeconfig FILE USER CREDENTIAL... writes a kubeconfig for USER whose
# credentials are the given "key: value" lines (a client certificate and
# key, or a token).
kubeconfig() {
  local file=$1 user=$2 line; shift 2
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
- name: $user
  user:
YAML
    for line in "$@"; do echo "    $line"; done
    cat <<YAML
contexts:
- name: jsbench-local
  context: {cluster: jsbench-local, user: $user, namespace: $namespace}
current-context: jsbench-local
YAML
  } >"$file"
  chmod 600 "$file"
}

# cert_kubeconfig NAME writes $S/NAME.kubeconfig for the client cert NAME.
cert_kubeconfig() {
  kubeconfig "$S/$1.kubeconfig" "$1" "client-certificate: $S/pki/$1.crt" "client-key: $S/pki/$1.key"
}

make_pki() {
  local ip=$1
  mkdir -p "$S/pki"
  chmod 700 "$S/pki"
  if [ ! -f "$S/pki/ca.crt" ]; then
    ossl genrsa -out "$S/pki/ca.key" 2048
    ossl req -x509 -new -key "$S/pki/ca.key" -subj "/CN=jsbench-local-ca" -days 3650 -out "$S/pki/ca.crt"
  fi
  local first_service_ip=10.96.0.1
  cert "$S/pki" apiserver "/CN=kube-apiserver" \
    "DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local,DNS:localhost,DNS:$host_name,IP:127.0.0.1,IP:$first_service_ip,IP:$ip"
  cert "$S/pki" admin "/O=system:masters/CN=jsbench-cluster-admin"
  cert "$S/pki" apiserver-kubelet-client "/O=system:masters/CN=kube-apiserver-kubelet-client"
  cert "$S/pki" controller-manager "/CN=system:kube-controller-manager"
  cert "$S/pki" scheduler "/CN=system:kube-scheduler"
  if [ ! -f "$S/pki/sa.key" ]; then
    ossl genrsa -out "$S/pki/sa.key" 2048
    ossl rsa -in "$S/pki/sa.key" -pubout -out "$S/pki/sa.pub"
  fi
  cert_kubeconfig admin
  cert_kubeconfig controller-manager
  cert_kubeconfig scheduler
}
