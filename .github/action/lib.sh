# shellcheck shell=bash
# Shared by the action's scripts (install.sh, run.sh) and the release workflow (package.sh):
# the release asset names, the platform to target triple mapping, and SHA-256 checksums.
# One definition, so the assets the release publishes are the ones the action downloads and the
# ones `cargo binstall` finds (Cargo.toml `[package.metadata.binstall]` spells the same names).

# Prints an error in seam's own shape (`error: ...` then `help: ...`) on stderr and exits 1.
seam_fail() {
  printf 'error: %s\n' "$1" >&2
  if [ -n "${2:-}" ]; then printf '  help: %s\n' "$2" >&2; fi
  exit 1
}

# The Rust target triple of the release binary for this machine: RUNNER_OS/RUNNER_ARCH on a
# GitHub runner, uname elsewhere. Linux binaries are static (musl) so one runs on any distribution.
seam_target() {
  local os="${RUNNER_OS:-$(uname -s)}" arch="${RUNNER_ARCH:-$(uname -m)}"
  case "$arch" in
    X64 | x86_64 | amd64 | AMD64) arch=x86_64 ;;
    ARM64 | aarch64 | arm64) arch=aarch64 ;;
    *) return 1 ;;
  esac
  case "$os" in
    Linux) printf '%s-unknown-linux-musl\n' "$arch" ;;
    macOS | Darwin) printf '%s-apple-darwin\n' "$arch" ;;
    Windows | MINGW* | MSYS* | CYGWIN*)
      # Only x86_64 is built for Windows (it also runs on Windows on Arm through emulation).
      printf 'x86_64-pc-windows-msvc\n'
      ;;
    *) return 1 ;;
  esac
}

# `.zip` for Windows, `.tar.gz` for everything else.
seam_archive_suffix() {
  case "$1" in
    *-windows-*) printf '.zip\n' ;;
    *) printf '.tar.gz\n' ;;
  esac
}

# `.exe` for Windows.
seam_binary_ext() {
  case "$1" in
    *-windows-*) printf '.exe\n' ;;
    *) printf '\n' ;;
  esac
}

# The folder inside the archive, and the archive's name without its suffix:
# seam-v<version>-<target>.
seam_asset_stem() {
  printf 'seam-v%s-%s\n' "$1" "$2"
}

# The SHA-256 of a file as 64 lowercase hex digits.
seam_sha256() {
  local sum
  if command -v sha256sum >/dev/null 2>&1; then
    sum="$(sha256sum -b "$1")" || return 1
  elif command -v shasum >/dev/null 2>&1; then
    sum="$(shasum -a 256 -b "$1")" || return 1
  else
    seam_fail "no sha256sum or shasum on this machine" "install coreutils (sha256sum) or perl (shasum)"
  fi
  printf '%s\n' "${sum%% *}" | tr 'A-F' 'a-f'
}

# The value of a key of Cargo.toml's [package] table (version, repository), without quotes.
seam_package_field() {
  awk -v key="$1" '
    /^\[/ { in_package = ($0 == "[package]"); next }
    in_package && $0 ~ "^" key "[ \t]*=" {
      sub("^" key "[ \t]*=[ \t]*\"", ""); sub("\".*$", ""); print; exit
    }
  ' "$2"
}
