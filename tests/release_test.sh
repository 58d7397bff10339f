#!/usr/bin/env bash
# scripts/release end to end on the test build (the release binary is linked
# from the same objects): the binary passes the script's own checks (size,
# ldd, stripped), the .deb holds the binary, the plugin name, the man page and
# both completions, and once installed with `dpkg -i` into a scratch root the
# plugin runs from there as `kubectl ingress-migrate`. The krew archive holds
# the completions too.
# Usage: release_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1 source=$2
work=$(mktemp -d /tmp/im-release-XXXXXX)
trap 'rm -rf "$work"' EXIT

IM_RELEASE_BUILD_DIR=$build IM_RELEASE_JOBS=2 "$source/scripts/release" "$work/dist" >"$work/release.log"
cat "$work/release.log"
deb=$(ls "$work"/dist/ingress-migrate_*_amd64.deb)

# What the package installs.
dpkg-deb -c "$deb" | awk '{print $6 ($7 ? " " $7 " " $8 : "")}' | LC_ALL=C sort >"$work/contents"
for path in ./usr/bin/ingress-migrate "./usr/bin/kubectl-ingress_migrate -> ingress-migrate" \
            ./usr/bin/kubectl_complete-ingress_migrate ./usr/share/man/man1/ingress-migrate.1 \
            ./usr/share/bash-completion/completions/ingress-migrate \
            ./usr/share/zsh/site-functions/_ingress-migrate ./usr/share/doc/ingress-migrate/LICENSE; do
  grep -qxF "$path" "$work/contents" || { echo "missing from the .deb: $path"; cat "$work/contents"; exit 1; }
done
dpkg-deb -f "$deb" Package Version Depends | tee "$work/control"
grep -qx 'Depends: libc6 (>= 2.34)' "$work/control"

# dpkg -i into a scratch root (its own database; libc6 is the host's).
root=$work/root
mkdir -p "$root/var/lib/dpkg/updates" "$root/var/lib/dpkg/info"
touch "$root/var/lib/dpkg/status"
dpkg --root="$root" --force-not-root --force-depends --force-script-chrootless --log=/dev/null \
  -i "$deb" >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log"; exit 1; }
dpkg --root="$root" -s ingress-migrate | grep -qx 'Status: install ok installed'

kubectl_dir=$(dirname "$(command -v kubectl)")
env -i "HOME=$work" "PATH=$root/usr/bin:$kubectl_dir" kubectl ingress-migrate --help >"$work/help"
head -n 3 "$work/help"
grep -qx "Usage: kubectl ingress-migrate \[OPTIONS\] SUBCOMMAND" "$work/help"
env -i "HOME=$work" "PATH=$root/usr/bin:$kubectl_dir" kubectl ingress-migrate convert \
  -f "$source/examples/quickstart.yaml" >"$work/converted" 2>/dev/null || test $? -eq 1
grep -q '^kind: HTTPRoute$' "$work/converted"

# The krew archive holds the completions next to the binary.
tar -tzf "$work"/dist/ingress-migrate-v*-linux-amd64.tar.gz >"$work/archive"
grep -qx './share/bash-completion/completions/ingress-migrate' "$work/archive"
grep -qx './share/zsh/site-functions/_ingress-migrate' "$work/archive"
grep -q 'to: completion/ingress-migrate.bash' "$work/dist/ingress-migrate.yaml"
(cd "$work/dist" && sha256sum -c --quiet SHA256SUMS)

# The README's install table names exactly these artifacts, at this version.
for artifact in $(cd "$work/dist" && ls ingress-migrate-v*-linux-amd64 ingress-migrate_*_amd64.deb ingress-migrate.yaml); do
  grep -q "releases/download/v[0-9.]*/$artifact" "$source/README.md" ||
    { echo "README.md does not show how to download $artifact"; exit 1; }
done
echo "release artifacts OK"
