#!/usr/bin/env bash
# Compares the parser's throughput with `grep -c` on the same ~100 MB log
# (every shared fixture and synthetic log, repeated), in MB/s of wall time
# and of CPU time (user + system; on a busy machine the CPU figure is the
# steadier one). Run from anywhere: bench/observe/jenkinslog/testdata/throughput.sh
set -euo pipefail

pkg_dir="$(cd "$(dirname "$0")/.." && pwd)"
log="$(mktemp --suffix=.log)"
trap 'rm -f "$log" "$log.count"' EXIT

cd "$pkg_dir"
JENKINSLOG_BIGLOG="$log" go test -count=1 -run '^TestWriteThroughputLog$' . >/dev/null
bytes=$(stat -c %s "$log")
echo "log: $bytes bytes, $(wc -l <"$log") lines"

# grep writes its count to a file: with its output on /dev/null GNU grep
# stops at the first match. Best of 5; `time` resolves 10 ms.
TIMEFORMAT='%R %U %S'
times=$(for _ in 1 2 3 4 5; do
	{ time grep -c 'Jenkins is fully up and running' "$log" >"$log.count"; } 2>&1
done)
read -r grep_wall grep_cpu < <(echo "$times" | awk -v mb="$bytes" '
	{ w = $1; c = $2 + $3; if (NR == 1 || w < bw) bw = w; if (NR == 1 || c < bc) bc = c }
	END { if (bw < 0.01) bw = 0.01; if (bc < 0.01) bc = 0.01; printf "%.1f %.1f\n", mb / 1e6 / bw, mb / 1e6 / bc }')
echo "grep -c:  $grep_wall MB/s wall, $grep_cpu MB/s CPU ($(cat "$log.count") matches; best of 5)"

for bench in BenchmarkParse BenchmarkParseSteady; do
	line=$(go test -count=1 -run '^$' -bench "^$bench\$" -benchtime 3x . | grep "^$bench")
	echo "$line" | awk -v gw="$grep_wall" -v gc="$grep_cpu" -v name="$bench" '{
		for (i = 1; i < NF; i++) { if ($(i+1) == "MB/s") w = $i; if ($(i+1) == "cpu-MB/s") c = $i }
		printf "%-21s %s MB/s wall (%.2f of grep), %s MB/s CPU (%.2f of grep)\n", name ":", w, w / gw, c, c / gc }'
done
