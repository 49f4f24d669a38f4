#!/usr/bin/env bash
# Takes Apache ECharts from the npm registry into bench/render/htmlreport/assets/,
# where the HTML report embeds it (go:embed), and checks it against the
# pinned digests. The result is committed: building jsbench needs no network.
#   scripts/fetch-echarts.sh          fetch, verify, write the assets
#   scripts/fetch-echarts.sh --check  only verify the committed copy
# To move to another version, change VERSION and both digests here, the
# file name and EChartsVersion/EChartsSHA256 in bench/render/htmlreport/assets.go.
set -euo pipefail
VERSION=5.4.3
# sha256 of the package tarball echarts-5.4.3.tgz as the registry serves it
TARBALL_SHA256=89f6b509a83b3694645a8ec0dc8808999bb96610eac9e718fbda4726bb694eaf
# sha256 of package/dist/echarts.min.js inside it
MINJS_SHA256=1156429a16a38cb8604dcc6518c19406d4226142d908f8edd2e3531443c54d19

root=$(cd "$(dirname "$0")/.." && pwd)
dest=$root/bench/htmlreport/assets
target=$dest/echarts-$VERSION.min.js

verify() { # file digest
  local got
  got=$(sha256sum "$1" | cut -d' ' -f1)
  if [ "$got" != "$2" ]; then
    echo "fetch-echarts: $1: sha256 $got, want $2" >&2
    exit 1
  fi
}

if [ "${1:-}" = --check ]; then
  verify "$target" "$MINJS_SHA256"
  echo "fetch-echarts: $target matches echarts@$VERSION"
  exit 0
fi

command -v npm >/dev/null || { echo "fetch-echarts: needs npm (apt-get install npm)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "echarts@$VERSION" >/dev/null)
verify "$work/echarts-$VERSION.tgz" "$TARBALL_SHA256"
tar -xzf "$work/echarts-$VERSION.tgz" -C "$work" \
  package/dist/echarts.min.js package/LICENSE package/NOTICE package/licenses/LICENSE-d3
verify "$work/package/dist/echarts.min.js" "$MINJS_SHA256"
mkdir -p "$dest"
cp "$work/package/dist/echarts.min.js" "$target"
cp "$work/package/LICENSE" "$work/package/NOTICE" "$work/package/licenses/LICENSE-d3" "$dest/"
echo "fetch-echarts: wrote $target (sha256 $MINJS_SHA256) with LICENSE, NOTICE and LICENSE-d3"
