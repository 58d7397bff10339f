#!/usr/bin/env bash
# Benchmark: `convert` on generated corpora against a yaml-cpp event-parse-only
# baseline on the same file. Not a test; prints a table.
#   bench/run.sh [BUILD_DIR]     (default: build; build it first with -DCMAKE_BUILD_TYPE=Release)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
work=${BENCH_DIR:-/tmp/ingress-migrate-bench}
mkdir -p "$work"
for n in 10000 100000; do
  [ -f "$work/c$n.yaml" ] || python3 bench/gen_corpus.py "$n" "$work/c$n.yaml"
done
[ -f "$work/mixed.yaml" ] || python3 bench/gen_corpus.py 10000 "$work/mixed.yaml" --other-ratio 0.9

measure() {  # label, command...
  local label=$1; shift
  # convert exits 1 on this corpus (proxy-body-size is an error finding); only time matters here.
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt" || true
  read -r secs kb < <(tail -n 1 "$work/time.txt")
  printf '%-34s %8.2f s %8d MB\n' "$label" "$secs" "$((kb / 1024))"
}

printf '%-34s %10s %11s\n' "run" "wall" "peak RSS"
for f in c10000 c100000 mixed; do
  measure "parse-only $f" "$build/bench/yaml_parse_only" "$work/$f.yaml"
  measure "convert $f" "$build/ingress-migrate" convert -f "$work/$f.yaml"
  measure "convert $f (1 core)" taskset -c 0 "$build/ingress-migrate" convert -f "$work/$f.yaml"
done
# The other subcommands that read a whole corpus; `lint` only once it exists.
measure "report c100000" "$build/ingress-migrate" report -f "$work/c100000.yaml"
if "$build/ingress-migrate" lint --help >/dev/null 2>&1; then
  measure "lint c100000" "$build/ingress-migrate" lint -f "$work/c100000.yaml"
fi
