#!/usr/bin/env bash
# Builds the Kubernetes binaries the local cluster runs (kube-apiserver,
# kube-controller-manager, kube-scheduler, kubelet, kubectl) from the Go
# module proxy, once per version, into a cache directory that survives
# between runs:
#   scripts/cluster/build.sh [CACHE_DIR]
# With an empty Go build cache this compiles for about 16 minutes on two
# cores; afterwards it returns at once. Only a version change rebuilds.
set -euo pipefail

version=${JSBENCH_K8S_VERSION:-v1.34.4}
cache=${1:-${JSBENCH_K8S_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/jsbench/kubernetes}}
bin="$cache/$version/bin"
binaries=(kube-apiserver kube-controller-manager kube-scheduler kubelet kubectl)

missing=()
for b in "${binaries[@]}"; do [ -x "$bin/$b" ] || missing+=("$b"); done
if [ ${#missing[@]} -eq 0 ]; then
  echo "$bin"
  exit 0
fi

minor=${version#v1.}; minor=${minor%%.*}
staging=(api apiextensions-apiserver apimachinery apiserver cli-runtime client-go
  cloud-provider cluster-bootstrap code-generator component-base component-helpers
  controller-manager cri-api cri-client csi-translation-lib dynamic-resource-allocation
  endpointslice externaljwt kms kube-aggregator kube-controller-manager kube-proxy
  kube-scheduler kubectl kubelet metrics mount-utils pod-security-admission sample-apiserver)

mod="$cache/$version/module"
mkdir -p "$mod" "$bin"
{
  echo "module jsbench.local/kubernetes-build"
  echo
  echo "go 1.24"
  echo
  echo "require k8s.io/kubernetes $version"
  echo
  for s in "${staging[@]}"; do echo "replace k8s.io/$s => k8s.io/$s v0.${version#v1.}"; done
} >"$mod/go.mod"
cat >"$mod/tools.go" <<'GO'
//go:build tools

package tools

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kube-scheduler"
	_ "k8s.io/kubernetes/cmd/kubelet"
	_ "k8s.io/kubectl/pkg/cmd"
	_ "k8s.io/kubernetes/cmd/kubectl"
)
GO
cd "$mod"
echo "cluster: resolving Kubernetes $version modules" >&2
GOFLAGS=-mod=mod go mod tidy -e >&2

ldflags="-s -w"
for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ldflags+=" -X $p.gitVersion=$version -X $p.gitMajor=1 -X $p.gitMinor=$minor"
  ldflags+=" -X $p.gitTreeState=clean"
done
for b in "${missing[@]}"; do
  echo "cluster: building $b $version (once; cached in $bin)" >&2
  start=$(date +%s)
  CGO_ENABLED=0 go build -trimpath -ldflags "$ldflags" -o "$bin/$b.tmp" "k8s.io/kubernetes/cmd/$b"
  mv "$bin/$b.tmp" "$bin/$b"
  echo "cluster: built $b in $(( $(date +%s) - start )) s" >&2
done
echo "$bin"
