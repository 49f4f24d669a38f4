#!/usr/bin/env bash
# Builds the kubernetes-csi sidecars and controllers the local cluster's
# storage stack runs (scripts/cluster/storage.sh), from the Go module
# proxy, once per version, into a cache that survives between runs:
#   scripts/cluster/storage-build.sh [CACHE_DIR]
# prints CACHE_DIR (default ~/.cache/jsbench/csi), laid out as
#   external-provisioner/v6.4.0/csi-provisioner
#   external-attacher/v4.13.0/csi-attacher
#   external-snapshotter/v8.7.0/{csi-snapshotter,snapshot-controller,crd/*.yaml}
# Each module carries `replace` directives, which `go install pkg@version`
# refuses: the module is downloaded and built inside a writable copy of it
# (external-snapshotter replaces its client module with ./client, which
# its module archive leaves out: the client module of the same version is
# copied there; its CRDs are the ones installed). Static binaries
# (CGO_ENABLED=0). On two idle cores with an empty build cache
# external-provisioner takes about 135 s, external-attacher about 290 s;
# measured while Kubernetes compiled beside them: 1024 s, 988 s, and 641 s
# for csi-snapshotter, 13 s for snapshot-controller after it.
# One component is built at a time; a lock keeps a second invocation
# from starting a duplicate build.
set -euo pipefail

cache=${1:-${JSBENCH_CSI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/jsbench/csi}}
# name module version binaries...
components=(
  "external-provisioner github.com/kubernetes-csi/external-provisioner/v6 v6.4.0 csi-provisioner"
  "external-attacher github.com/kubernetes-csi/external-attacher/v4 v4.13.0 csi-attacher"
  "external-snapshotter github.com/kubernetes-csi/external-snapshotter/v8 v8.7.0 csi-snapshotter snapshot-controller"
)

say() { echo "storage: $*" >&2; }

# module_dir MODULE@VERSION prints where the module proxy's copy landed.
module_dir() {
  local json
  json=$(go mod download -json "$1") || { say "download $1 from the Go module proxy failed: $json"; exit 1; }
  jq -r .Dir <<<"$json"
}

# build NAME MODULE VERSION BINARY... builds what is missing.
build() {
  local name=$1 module=$2 version=$3; shift 3
  local out="$cache/$name/$version" missing=() b
  for b in "$@"; do [ -x "$out/$b" ] || missing+=("$b"); done
  if [ "$name" = external-snapshotter ] && [ ! -f "$out/crd/snapshot.storage.k8s.io_volumesnapshots.yaml" ]; then
    missing+=(crd)
  fi
  [ ${#missing[@]} -eq 0 ] && return 0
  mkdir -p "$out"
  local src work
  src=$(module_dir "$module@$version")
  work=$(mktemp -d "$cache/.build-XXXXXX")
  trap 'rm -rf "$work"' RETURN
  cp -r "$src/." "$work"
  if [ "$name" = external-snapshotter ]; then
    rm -rf "$work/client"
    cp -r "$(module_dir "${module%/v8}/client/v8@$version")" "$work/client"
  fi
  chmod -R u+w "$work"
  for b in "${missing[@]}"; do
    if [ "$b" = crd ]; then
      mkdir -p "$out/crd"
      cp "$work"/client/config/crd/snapshot.storage.k8s.io_*.yaml "$out/crd/"
      continue
    fi
    say "building $b $version (once; cached in $out)"
    local began
    began=$(date +%s)
    (cd "$work" && CGO_ENABLED=0 GOFLAGS="-mod=mod -buildvcs=false" go build -trimpath \
      -ldflags "-s -w -X main.version=$version" -o "$out/$b.tmp" "./cmd/$b")
    mv "$out/$b.tmp" "$out/$b"
    say "built $b in $(($(date +%s) - began)) s"
  done
}

mkdir -p "$cache"
exec 9>"$cache/.lock"
if ! flock -n 9; then
  say "another build holds $cache/.lock; waiting for it"
  flock 9
fi
for c in "${components[@]}"; do
  # shellcheck disable=SC2086
  build $c
done
echo "$cache"
