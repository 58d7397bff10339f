#!/usr/bin/env bash
# Benchmark: `verify` on one host with N regex paths (issue 20: it was
# quadratic in paths per host). Not a test; prints a table.
#   bench/verify_paths.sh [BUILD_DIR] [N...]   (default: build; 250 500 1000 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(250 500 1000 10000)
work=${BENCH_DIR:-/tmp/ingress-migrate-bench}
mkdir -p "$work"
printf '%-24s %8s %10s %11s\n' "run" "probes" "wall" "peak RSS"
for n in "${sizes[@]}"; do
  f="$work/regex$n.yaml"
  [ -f "$f" ] || python3 bench/gen_regex_paths.py "$n" "$f"
  # verify exits 1 when requests route differently; only time matters here.
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$build/ingress-migrate" verify -f "$f" \
    --format json >"$work/verify.json" 2>/dev/null || true
  read -r secs kb < <(tail -n 1 "$work/time.txt")
  probes=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["probes"])' "$work/verify.json")
  printf '%-24s %8d %8.2f s %8d MB\n' "verify $n regex paths" "$probes" "$secs" "$((kb / 1024))"
done
