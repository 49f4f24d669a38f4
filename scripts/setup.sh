#!/usr/bin/env bash
# Makes a Debian machine ready for jsbench, idempotently:
#   scripts/setup.sh bench   Docker's daemon (installs docker.io, starts dockerd)
#   scripts/setup.sh test    the same, plus Chromium for the HTML report tests
# Nothing is installed when it is already there; nothing is pulled from a
# container registry (jsbench builds its images locally).
set -euo pipefail
purpose=${1:-test}

# as_root stops unless running as root. Without root, `test` goes on:
# the tests that need what is missing skip (they fail in CI, CI=true).
as_root() {
  [ "$(id -u)" -eq 0 ] && return 0
  echo "setup: $1 (run as root, or do it yourself)" >&2
  if [ "$purpose" = test ] && [ "${CI:-}" != true ]; then exit 0; fi
  exit 1
}

need=()
docker info >/dev/null 2>&1 || command -v dockerd >/dev/null 2>&1 || need+=(docker.io)
if [ "$purpose" = test ]; then
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  command -v xmllint >/dev/null 2>&1 || need+=(libxml2-utils)
fi
# The official image's stand-in is built from this machine's unzip and tini.
command -v unzip >/dev/null 2>&1 || need+=(unzip)
command -v tini >/dev/null 2>&1 || need+=(tini)
if [ ${#need[@]} -gt 0 ]; then
  as_root "missing ${need[*]}: apt-get install ${need[*]}"
  echo "setup: installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

if docker info >/dev/null 2>&1; then
  exit 0
fi
as_root "no Docker daemon answers: start it (systemctl start docker)"
echo "setup: starting dockerd"
nohup dockerd >/var/log/jsbench-dockerd.log 2>&1 &
for _ in $(seq 1 60); do
  docker info >/dev/null 2>&1 && { echo "setup: Docker daemon answers"; exit 0; }
  sleep 1
done
echo "setup: dockerd did not answer within 60 s; see /var/log/jsbench-dockerd.log" >&2
tail -20 /var/log/jsbench-dockerd.log >&2 || true
exit 1
