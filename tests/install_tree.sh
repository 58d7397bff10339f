#!/usr/bin/env bash
# `cmake --install --prefix` into a temporary directory installs exactly the
# expected tree (testdata/install/expected-tree), and the installed plugin
# runs as `kubectl ingress-migrate` with kubectl listing it without warnings.
# Usage: install_tree.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1 source=$2
prefix=$(mktemp -d /tmp/im-install-XXXXXX)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
tree=$(cd "$prefix" && find . -mindepth 1 | LC_ALL=C sort | while read -r f; do
  if [ -L "$f" ]; then echo "$f -> $(readlink "$f")"
  elif [ -d "$f" ]; then echo "$f/"
  elif [ -x "$f" ]; then echo "$f (executable)"
  else echo "$f"; fi
done)
echo "$tree"
diff -u "$source/testdata/install/expected-tree" <(echo "$tree")

kubectl_dir=$(dirname "$(command -v kubectl)")
plugin_env=(env -i "HOME=$prefix" "PATH=$prefix/bin:$kubectl_dir")
"${plugin_env[@]}" kubectl plugin list >"$prefix/plugins" 2>&1
grep -qx "$prefix/bin/kubectl-ingress_migrate" "$prefix/plugins"
if grep -q -i "warning" "$prefix/plugins"; then cat "$prefix/plugins"; exit 1; fi
"${plugin_env[@]}" kubectl ingress-migrate --help | grep -qx "Usage: kubectl ingress-migrate \[OPTIONS\] SUBCOMMAND"
man -l "$prefix/share/man/man1/ingress-migrate.1" >/dev/null 2>&1 || groff -man -Tutf8 -ww -z "$prefix/share/man/man1/ingress-migrate.1"
echo "installed tree and plugin OK"
