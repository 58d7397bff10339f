#!/bin/sh
# Peak memory and time on the hostile inputs of issue 20: a million tiny
# documents (each a finding) through `lint --format json`, a 200 MB scalar
# in YAML and in JSON. Not a test: run it on a quiet machine.
#   bench/hostile_memory.sh [BUILD_DIR]
set -eu
build=${1:-build}
tool=$(cd "$build" && pwd)/ingress-migrate
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 -c "open('$dir/tiny.yaml', 'w').write('---\n{}\n' * 1000000)"
python3 -c "open('$dir/scalar.yaml', 'w').write('a: ' + 'x' * 200000000 + '\n')"
python3 -c "open('$dir/scalar.json', 'w').write('{\"a\": \"' + 'x' * 200000000 + '\"}\n')"
run() {
  label=$1
  shift
  /usr/bin/time -f "%e %M" -o "$dir/time" "$@" >/dev/null 2>&1 || true
  read -r secs kb <<EOT
$(tail -n 1 "$dir/time")
EOT
  printf '%-40s %8s s %8d MB\n' "$label" "$secs" "$((kb / 1024))"
}
run "lint --format json, 1M tiny documents" "$tool" lint --format json -f "$dir/tiny.yaml"
run "lint, 1M tiny documents" "$tool" lint -f "$dir/tiny.yaml"
run "lint, 200 MB YAML scalar" "$tool" lint -f "$dir/scalar.yaml"
run "lint, 200 MB JSON string" "$tool" lint -f "$dir/scalar.json"
