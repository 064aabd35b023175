#!/usr/bin/env bash
# The action's install step: puts a seam binary in $RUNNER_TEMP/seam-<version>/bin.
#
# Inputs (environment, set by action.yml from the action's inputs):
#   SEAM_VERSION      release to use, e.g. 0.2.0; empty: the version in the action's own Cargo.toml
#   SEAM_INSTALL      auto    the prebuilt release binary for this runner, checksum-verified; when
#                             that release has no such asset (not published, or no binary for this
#                             platform), build from the action's source with `cargo install`
#                     release the prebuilt binary only; a missing asset fails the step
#                     source  always build from the action's source (needs a Rust toolchain)
#   SEAM_RELEASE_URL  where the assets are: an https:// or file:// URL or a local folder; empty:
#                     <repository in Cargo.toml>/releases/download/v<version>
# A checksum that does not match, or a missing checksum file, always fails the step: a binary
# that cannot be verified is never run and never replaced by something else.
#
# Outputs ($GITHUB_OUTPUT): seam=<path of the binary>, installed-from=release|source; the binary's
# folder is added to $GITHUB_PATH so later steps can run `seam`.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR
. "$here/lib.sh"

action_root="${GITHUB_ACTION_PATH:-$(cd "$here/../.." && pwd)}"
manifest="$action_root/Cargo.toml"
version="${SEAM_VERSION:-}"
if [ -z "$version" ]; then
  version="$(seam_package_field version "$manifest")"
  [ -n "$version" ] || seam_fail "no version in \`$manifest\`" "set the action's \`version\` input"
fi
version="${version#v}"
case "$version" in
  *[!0-9A-Za-z.+-]* | "") seam_fail "\`$version\` is not a version" "write the \`version\` input as 1.2.3" ;;
esac
mode="${SEAM_INSTALL:-auto}"
case "$mode" in
  auto | release | source) ;;
  *) seam_fail "\`install: $mode\` is not a choice" "use auto, release or source" ;;
esac

temp="${RUNNER_TEMP:-${TMPDIR:-/tmp}}"
prefix="$temp/seam-$version"
mkdir -p "$prefix/bin"

# Downloads (https, file) or copies (a local folder) one file; no redirect leaves https.
fetch() {
  case "$1" in
    https://* | file://*)
      curl --fail --silent --show-error --location --proto '=https,file' --proto-redir '=https' \
        --retry 3 --output "$2" "$1"
      ;;
    *://*) seam_fail "\`$1\` is neither https:// nor file://" "publish the assets over https, or give a local folder" ;;
    *) cp "$1" "$2" ;;
  esac
}

work="$(mktemp -d "$temp/seam-download.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# Installs the release asset and sets `binary`; leaves it empty when the asset cannot be had
# (the fallback case); exits when the asset is there but does not verify.
install_release() {
  local target stem suffix exe base expected actual
  if ! target="$(seam_target)"; then
    printf 'seam: no prebuilt binary for %s %s\n' "${RUNNER_OS:-$(uname -s)}" "${RUNNER_ARCH:-$(uname -m)}" >&2
    return 0
  fi
  stem="$(seam_asset_stem "$version" "$target")"
  suffix="$(seam_archive_suffix "$target")"
  exe="seam$(seam_binary_ext "$target")"
  base="${SEAM_RELEASE_URL:-}"
  if [ -z "$base" ]; then
    local repository
    repository="$(seam_package_field repository "$manifest")"
    [ -n "$repository" ] || seam_fail "no \`repository\` in \`$manifest\`" "set the action's \`release-url\` input"
    base="${repository%/}/releases/download/v$version"
  fi
  base="${base%/}"

  if ! fetch "$base/$stem$suffix" "$work/$stem$suffix"; then
    printf 'seam: cannot get %s from %s\n' "$stem$suffix" "$base" >&2
    return 0
  fi
  fetch "$base/$stem$suffix.sha256" "$work/checksum" ||
    seam_fail "the release has \`$stem$suffix\` but no \`$stem$suffix.sha256\`; the binary cannot be verified and is not used" \
      "publish the checksum file next to the asset (the release workflow does)"
  expected="$(awk 'NR == 1 { print tolower($1) }' "$work/checksum")"
  case "$expected" in
    *[!0-9a-f]*) expected="" ;;
  esac
  [ "${#expected}" -eq 64 ] ||
    seam_fail "\`$stem$suffix.sha256\` does not hold a SHA-256 checksum; the binary is not used" \
      "the file must read \"<64 hex digits>  $stem$suffix\""
  actual="$(seam_sha256 "$work/$stem$suffix")"
  [ "$actual" = "$expected" ] ||
    seam_fail "checksum mismatch for \`$stem$suffix\`: expected $expected, got $actual; the binary is not used" \
      "the download is corrupt or was tampered with; re-run the job, and if it persists, report it to the seam maintainers"
  printf 'seam: %s verified (sha256 %s)\n' "$stem$suffix" "$actual"

  case "$suffix" in
    .tar.gz) tar -xzf "$work/$stem$suffix" -C "$work" "$stem/$exe" ;;
    .zip)
      if command -v unzip >/dev/null 2>&1; then
        unzip -q -o "$work/$stem$suffix" "$stem/$exe" -d "$work"
      else
        7z x -y -bso0 "-o$work" "$work/$stem$suffix" "$stem/$exe"
      fi
      ;;
  esac
  [ -f "$work/$stem/$exe" ] || seam_fail "\`$stem$suffix\` has no \`$stem/$exe\`" "the asset is not a seam release archive"
  chmod 755 "$work/$stem/$exe"
  reported="$("$work/$stem/$exe" --version)" || seam_fail "\`$stem/$exe\` does not run on this runner" "report it to the seam maintainers"
  [ "$reported" = "seam $version" ] ||
    seam_fail "the binary reports \`$reported\`, not \`seam $version\`; it is not used" "check the \`version\` and \`release-url\` inputs"
  mv -f "$work/$stem/$exe" "$prefix/bin/$exe"
  binary="$prefix/bin/$exe"
  installed_from=release
}

install_source() {
  command -v cargo >/dev/null 2>&1 ||
    seam_fail "no prebuilt seam $version for this runner, and no Rust toolchain to build it" \
      "add \`- uses: dtolnay/rust-toolchain@stable\` before this step, or use a released version of the action"
  printf 'seam: building seam %s from source with cargo install (a few minutes)\n' "$version" >&2
  cargo install --locked --path "$action_root" --root "$prefix" --quiet
  binary="$prefix/bin/seam$(case "${RUNNER_OS:-$(uname -s)}" in Windows | MINGW* | MSYS* | CYGWIN*) printf .exe ;; esac)"
  installed_from=source
}

binary=""
installed_from=""
case "$mode" in
  source) install_source ;;
  release | auto)
    install_release
    if [ -z "$binary" ]; then
      [ "$mode" = auto ] ||
        seam_fail "no prebuilt seam $version for this runner" "use \`install: auto\` to build from source instead"
      install_source
    fi
    ;;
esac

reported="$("$binary" --version)" || seam_fail "\`$binary\` does not run" "report it to the seam maintainers"
printf 'seam: %s (%s) at %s\n' "$reported" "$installed_from" "$binary"
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  printf 'seam=%s\ninstalled-from=%s\n' "$binary" "$installed_from" >>"$GITHUB_OUTPUT"
fi
if [ -n "${GITHUB_PATH:-}" ]; then
  printf '%s\n' "$prefix/bin" >>"$GITHUB_PATH"
fi
