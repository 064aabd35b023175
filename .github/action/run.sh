#!/usr/bin/env bash
# The action's check step: runs `seam check` once and writes every report from that one run.
#
# Inputs (environment, set by action.yml from the action's inputs):
#   SEAM_BIN          the binary (the install step's `seam` output)
#   SEAM_PATH         the contract repository folder (holding seam.yaml)
#   SEAM_AGAINST      base revision for `--against`; empty: a tree-only check
#   SEAM_ANNOTATIONS  true: the log gets GitHub workflow annotations (`--format github`), which
#                     mark the findings on the pull request's files; false: the text report
#   SEAM_SUMMARY      true: the Markdown report is appended to the job summary ($GITHUB_STEP_SUMMARY)
#   SEAM_MARKDOWN     where to keep the Markdown report; empty: $RUNNER_TEMP/seam/report.md
#   SEAM_SARIF        where to write the SARIF 2.1.0 report; empty: none
# Relative paths are relative to the working directory (the workspace in GitHub Actions).
#
# Outputs ($GITHUB_OUTPUT): exit-code (0 nothing blocks, 1 blocked, 2 bad input), markdown, sarif.
# The step's own exit status is seam's.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR
. "$here/lib.sh"

seam="${SEAM_BIN:-}"
[ -n "$seam" ] && [ -x "$seam" ] || seam_fail "no seam binary at \`$seam\`" "run the install step first (.github/action/install.sh)"

flag() {
  case "$2" in
    true | false) printf '%s\n' "$2" ;;
    *) seam_fail "\`$1: $2\` is not true or false" "write \`$1: true\` or \`$1: false\`" ;;
  esac
}
annotations="$(flag annotations "${SEAM_ANNOTATIONS:-true}")"
summary="$(flag summary "${SEAM_SUMMARY:-true}")"

markdown="${SEAM_MARKDOWN:-}"
if [ -z "$markdown" ]; then
  mkdir -p "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/seam"
  markdown="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/seam/report.md"
fi
sarif="${SEAM_SARIF:-}"

args=(check "${SEAM_PATH:-.}")
if [ -n "${SEAM_AGAINST:-}" ]; then args+=(--against "$SEAM_AGAINST"); fi
if [ "$annotations" = true ]; then args+=(--format github); else args+=(--format text); fi
args+=(--report "markdown=$markdown")
if [ -n "$sarif" ]; then args+=(--report "sarif=$sarif"); fi

# seam appends to the job summary by itself under `--format github`; this script does it instead
# (once, and also when annotations are off), so seam does not see the variable.
code=0
env -u GITHUB_STEP_SUMMARY "$seam" "${args[@]}" || code=$?

if [ "$summary" = true ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ -f "$markdown" ]; then
  cat "$markdown" >>"$GITHUB_STEP_SUMMARY"
fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  printf 'exit-code=%s\nmarkdown=%s\nsarif=%s\n' "$code" "$markdown" "$sarif" >>"$GITHUB_OUTPUT"
fi
exit "$code"
