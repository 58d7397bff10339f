#!/usr/bin/env bash
# Benchmark: `convert`, `lint` and `report` on generated corpora against a
# yaml-cpp event-parse-only baseline on the same file, with the ratios issue
# #18 sets targets for. Not a test of correctness; prints a table.
#   bench/run.sh [BUILD_DIR] [--quick] [--max-ratio R] [--repeat N]
# BUILD_DIR (default build) should be a Release build. --quick uses the 10k
# corpus only (the `bench` CTest label runs that); --max-ratio R exits 1 when
# convert on one core takes more than R times the parse, so a regression
# shows up. --repeat N runs each command N times and keeps its fastest
# wall time (and largest peak RSS): on a shared machine one run can be off
# by half.
set -euo pipefail
cd "$(dirname "$0")/.."
build=build quick=false max_ratio="" repeat=1
while [ $# -gt 0 ]; do
  case $1 in
    --quick) quick=true ;;
    --max-ratio) max_ratio=$2; shift ;;
    --repeat) repeat=$2; shift ;;
    *) build=$1 ;;
  esac
  shift
done
work=${BENCH_DIR:-/tmp/ingress-migrate-bench}
mkdir -p "$work"
sizes="10000 100000"
$quick && sizes=10000
for n in $sizes; do
  [ -f "$work/c$n.yaml" ] || python3 bench/gen_corpus.py "$n" "$work/c$n.yaml"
done

# measure NAME COMMAND...: sets SECS_NAME and MB_NAME, prints a row.
measure() {
  local name=$1; shift
  local secs="" kb=0 s k i
  for ((i = 0; i < repeat; i++)); do
    # convert exits 1 on this corpus (proxy-body-size is an error finding); only time matters here.
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt" || true
    read -r s k < <(tail -n 1 "$work/time.txt")
    if [ -z "$secs" ] || awk -v a="$s" -v b="$secs" 'BEGIN { exit !(a < b) }'; then secs=$s; fi
    [ "$k" -gt "$kb" ] && kb=$k
  done
  printf -v "SECS_$name" '%s' "$secs"
  printf -v "MB_$name" '%s' "$((kb / 1024))"
  printf '%-36s %8.2f s %8d MB\n' "$name" "$secs" "$((kb / 1024))"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

bin=$build/ingress-migrate
printf '%-36s %10s %11s\n' "run" "wall" "peak RSS"
for n in $sizes; do
  f=$work/c$n.yaml
  measure "parse_$n" taskset -c 0 "$build/bench/yaml_parse_only" "$f"
  measure "convert_1core_$n" taskset -c 0 "$bin" convert -f "$f"
  measure "convert_$n" "$bin" convert -f "$f"
  largest=$n
done
measure "lint_$largest" "$bin" lint -f "$work/c$largest.yaml"
measure "report_$largest" "$bin" report -f "$work/c$largest.yaml"

p() { eval "echo \${$1}"; }
echo
echo "ratios (targets of issue #18 in brackets)"
for n in $sizes; do
  printf '  convert/parse %6s, one core:   %5s  [<= 1.5]\n' "$n" "$(ratio "$(p "SECS_convert_1core_$n")" "$(p "SECS_parse_$n")")"
  printf '  convert/parse %6s, all cores:  %5s  [<= 0.9]\n' "$n" "$(ratio "$(p "SECS_convert_$n")" "$(p "SECS_parse_$n")")"
  printf '  convert peak RSS %6s:          %5s MB [<= %s MB]\n' "$n" "$(p "MB_convert_$n")" \
    "$([ "$n" = 10000 ] && echo 60 || echo 250)"
done
printf '  lint/convert %6s:              %5s  [<= 1.2]\n' "$largest" "$(ratio "$(p "SECS_lint_$largest")" "$(p "SECS_convert_$largest")")"
printf '  report/convert %6s:            %5s  [<= 1.2]\n' "$largest" "$(ratio "$(p "SECS_report_$largest")" "$(p "SECS_convert_$largest")")"
if ! $quick; then
  printf '  convert 10k -> 100k:             %5s  [<= 10.5]\n' "$(ratio "$SECS_convert_100000" "$SECS_convert_10000")"
fi

if [ -n "$max_ratio" ]; then
  first=${sizes%% *}
  r=$(ratio "$(p "SECS_convert_1core_$first")" "$(p "SECS_parse_$first")")
  if awk -v r="$r" -v m="$max_ratio" 'BEGIN { exit !(r > m) }'; then
    echo "convert on one core took ${r}x the parse, more than --max-ratio $max_ratio" >&2
    exit 1
  fi
fi
