# The nodes of the local cluster and what tells them apart (sourced by
# scripts/cluster.sh). Every node is on this machine and has the same
# address; they differ by name, zone, directory, ports, bridge and pod
# subnet, all derived from the node's position in $S/nodes.list.
#
# Names are stable: the first node is jsbench-a, the second jsbench-b,
# and so on. jsbench itself finds nodes through the API, not by name.

node_letters=(a b c d e f g h)
max_nodes=${#node_letters[@]}
node_list="$S/nodes.list"

# default_zones N prints the zones of N nodes when none are given: two
# nodes per zone (a; a,a; a,a,b; ...), so that with three nodes a zonal
# volume can follow its pod to a second node of its zone and a whole
# zone can be lost while another survives.
default_zones() {
  local i picked=()
  for ((i = 0; i < $1; i++)); do picked+=("${node_letters[i / 2]}"); done
  (IFS=,; echo "${picked[*]}")
}

# plan_nodes N ZONES prints the node list of N nodes in ZONES (comma
# separated, one per node; empty for the default): "NAME ZONE" lines.
plan_nodes() {
  local n=$1 zones=$2 list i
  [[ $n =~ ^[0-9]+$ ]] && [ "$n" -ge 1 ] && [ "$n" -le "$max_nodes" ] ||
    die "--nodes $n: give a number of nodes from 1 to $max_nodes"
  [ -n "$zones" ] || zones=$(default_zones "$n")
  IFS=, read -ra list <<<"$zones"
  [ ${#list[@]} -eq "$n" ] || die "--zones $zones: give one zone per node ($n nodes, ${#list[@]} zones)"
  for ((i = 0; i < n; i++)); do
    # A zone is a label value; keep it to what any cloud's zone names use.
    [[ ${list[i]} =~ ^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$ ]] ||
      die "--zones $zones: zone \"${list[i]}\" is not lowercase letters, digits and dashes"
    echo "jsbench-${node_letters[i]} ${list[i]}"
  done
}

node_names() { [ ! -f "$node_list" ] || awk '{print $1}' "$node_list"; }

# node_field NODE COLUMN prints a column of the node's line in the list.
node_field() { awk -v n="$1" -v c="$2" '$1 == n {print $c}' "$node_list"; }

node_zone() { node_field "$1" 2; }

# node_index NODE prints the node's position, from 0.
node_index() { awk -v n="$1" '$1 == n {print NR - 1}' "$node_list"; }

# require_node NODE stops with the known names unless NODE is one of them.
require_node() {
  [ -f "$node_list" ] || die "no cluster is up (no $node_list): run scripts/cluster.sh up"
  [ -n "$(node_index "$1")" ] ||
    die "unknown node \"$1\"; the nodes are: $(node_names | tr '\n' ' ')"
}

# nd NODE is the node's directory: its containerd, kubelet root, CNI
# state, certificate, logs and pids.
nd() { echo "$S/nodes/$1"; }

# Per node: kubelet's ports (10250 and 10248 for the first node, as
# upstream, then 10 higher per node), the pod subnet (10.244.0.0/16,
# 10.245.0.0/16, ...; the controller-manager allocates no podCIDR, so
# nothing has to match) and the bridge, named after the node.
kubelet_port() { echo $((10250 + 10 * $(node_index "$1"))); }
healthz_port() { echo $((10248 + 10 * $(node_index "$1"))); }
pod_subnet() { echo "10.$((244 + $(node_index "$1"))).0.0/16"; }
