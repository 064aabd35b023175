#!/usr/bin/env bash
# Packs one release asset, as the release workflow publishes it and the action downloads it:
#   package.sh BINARY TARGET VERSION OUT_DIR
# writes OUT_DIR/seam-v<VERSION>-<TARGET>.tar.gz (.zip for Windows) holding the folder
# seam-v<VERSION>-<TARGET>/ with the binary, README.md and CHANGELOG.md, and next to it
# <asset>.sha256 in `sha256sum` form ("<hex>  <asset>").
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR
. "$here/lib.sh"

[ "$#" -eq 4 ] || seam_fail "usage: package.sh BINARY TARGET VERSION OUT_DIR"
binary="$1" target="$2" version="${3#v}" out="$4"
root="$(cd "$here/../.." && pwd)"

[ -f "$binary" ] || seam_fail "no binary at \`$binary\`" "build it first: cargo build --release --locked --target $target"
stem="$(seam_asset_stem "$version" "$target")"
suffix="$(seam_archive_suffix "$target")"
exe="seam$(seam_binary_ext "$target")"

mkdir -p "$out"
out="$(cd "$out" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir "$work/$stem"
cp "$binary" "$work/$stem/$exe"
chmod 755 "$work/$stem/$exe"
cp "$root/README.md" "$root/CHANGELOG.md" "$work/$stem/"

rm -f "$out/$stem$suffix"
case "$suffix" in
  .tar.gz) (cd "$work" && tar -czf "$out/$stem$suffix" "$stem") ;;
  .zip)
    if command -v 7z >/dev/null 2>&1; then
      (cd "$work" && 7z a -tzip -bso0 "$out/$stem$suffix" "$stem")
    else
      (cd "$work" && zip -qr "$out/$stem$suffix" "$stem")
    fi
    ;;
esac
printf '%s  %s\n' "$(seam_sha256 "$out/$stem$suffix")" "$stem$suffix" >"$out/$stem$suffix.sha256"
printf '%s\n' "$out/$stem$suffix"
