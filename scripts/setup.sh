#!/usr/bin/env bash
# Makes a fresh Debian machine ready for `make bench` and `make test`:
# installs Docker's daemon, FUSE and a browser from Debian's packages, and
# starts dockerd when no daemon answers. Safe to run again.
set -euo pipefail

need=()
command -v dockerd >/dev/null 2>&1 || need+=(docker.io)
command -v fusermount3 >/dev/null 2>&1 || need+=(fuse3)
command -v zstd >/dev/null 2>&1 || need+=(zstd)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: missing ${need[*]}; run as root or: sudo apt-get install ${need[*]}" >&2
    exit 1
  fi
  echo "setup: installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

if docker info >/dev/null 2>&1; then
  echo "setup: docker daemon answers"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "setup: no docker daemon answers; start one (sudo systemctl start docker) and run again" >&2
  exit 1
fi
echo "setup: starting dockerd"
mkdir -p /var/log
nohup dockerd >/var/log/jsbench-dockerd.log 2>&1 &
for _ in $(seq 1 60); do
  if docker info >/dev/null 2>&1; then
    echo "setup: docker daemon answers"
    exit 0
  fi
  sleep 1
done
echo "setup: dockerd did not answer within 60 s; see /var/log/jsbench-dockerd.log" >&2
tail -20 /var/log/jsbench-dockerd.log >&2 || true
exit 1
