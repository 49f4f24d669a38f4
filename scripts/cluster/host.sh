# What the local cluster needs from, and leaves on, the machine itself
# (sourced by scripts/cluster.sh): Debian packages, the mount points the
# nodes bind over, the root mount's propagation, and the mounts, iptables
# rules and bridges a node can leave behind.

# install_packages installs the missing packages without starting any
# service: Debian starts an installed etcd, the cluster runs its own.
install_packages() {
  local need=() p policy=/usr/sbin/policy-rc.d own_policy=""
  for p in "${packages[@]}"; do
    dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q "ok installed" || need+=("$p")
  done
  [ ${#need[@]} -eq 0 ] && return 0
  say "installing ${need[*]}"
  if [ ! -e "$policy" ]; then
    # Removed however apt ends, a failure or Ctrl-C included: left in
    # place it would keep every later package's service from starting.
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
    own_policy=1
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod 755 "$policy"
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  if [ -n "$own_policy" ]; then
    rm -f "$policy"
    trap - EXIT
  fi
}

# record_foreign_dirs notes which paths outside $S did not exist before
# the first `up`: those `down` removes.
record_foreign_dirs() {
  [ -f "$S/foreign" ] && return 0
  local d
  for d in "${foreign_dirs[@]}"; do [ -e "$d" ] || echo "$d"; done >"$S/foreign"
}

# remove_foreign_dirs removes those paths, only when empty: on the host
# they are bare mount points, and anything another program put there
# since stays.
remove_foreign_dirs() {
  local d
  [ -f "$S/foreign" ] || return 0
  while read -r d; do
    [ -n "$d" ] && [ -d "$d" ] || continue
    unmount_below "$d"
    find "$d" -depth -type d -empty -delete
    [ ! -e "$d" ] || say "left $d in place: something else wrote there"
  done <"$S/foreign"
}

# share_root makes the host's root mount shared (itself, not its
# submounts), as systemd does on any Debian host: each node's namespace
# is a slave of it, so that what jsbench mounts on the host later (FUSE
# file systems behind hostPath volumes) appears in every node. A host
# without systemd may have it private; `down` restores what it was.
share_root() {
  local prop
  prop=$(findmnt -no PROPAGATION /)
  [[ $prop == shared* ]] && return 0
  echo "$prop" >"$S/root-propagation"
  mount --make-shared /
  say "the root mount was $prop; made it shared (down restores it)"
}

restore_root() {
  [ -f "$S/root-propagation" ] || return 0
  case $(cat "$S/root-propagation") in
    private) mount --make-private / ;;
    slave) mount --make-slave / ;;
    unbindable) mount --make-unbindable / ;;
  esac
}

# unmount_below DIR unmounts every mount below DIR in this namespace,
# deepest first (the fifth field of mountinfo is the mount point).
unmount_below() {
  local m
  awk -v s="$1/" 'index($5, s) == 1 {print $5}' /proc/self/mountinfo | sort -r | while read -r m; do
    umount "$m" || umount -l "$m"
  done
}

# clean_cni_rules NET removes the iptables rules and chains the CNI
# plugins made for network NET's containers (their comments name it):
# a power-off skips the CNI DEL that would have removed them.
clean_cni_rules() {
  local net=$1 table script
  for table in nat filter; do
    script=$(iptables-save -t "$table" | awk -v table="$table" -v tag="name: \\\\\"$net\\\\\" id: " '
      /^-A / && index($0, tag) {
        if ($2 ~ /^CNI-/ && $2 !~ /^CNI-HOSTPORT-/) { if (!($2 in own)) { own[$2] = 1; chains[++c] = $2 } }
        else { sub(/^-A /, "-D "); del[++n] = $0 }
      }
      END {
        if (n + c == 0) exit
        print "*" table
        for (i = 1; i <= n; i++) print del[i]
        for (i = 1; i <= c; i++) print "-F " chains[i]
        for (i = 1; i <= c; i++) print "-X " chains[i]
        print "COMMIT"
      }')
    [ -z "$script" ] || iptables-restore --noflush <<<"$script"
  done
}

# cni_leftovers prints the iptables lines that name a network of the
# cluster, for `down` to show what it could not remove.
cni_leftovers() { iptables-save | grep -E 'name: \\"jsbench-[a-z]\\"' || [ $? -eq 1 ]; }

delete_bridge() {
  if ip link show "$1" >/dev/null 2>&1; then ip link delete "$1"; fi
}
