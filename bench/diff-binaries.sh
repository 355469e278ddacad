#!/usr/bin/env bash
# Runs every command and format that loads a dossier with two builds of corroborate and
# compares their stdout, stderr, exit codes and written files: for proving that a refactor
# changes nothing. Dossiers: the bundled one (the repository root), a generated 10,000-claim
# one, and the broken fixtures of bench/difftest/fixtures.sh; then the writers of generated
# files (bench/difftest/writers.sh).
# Usage: bench/diff-binaries.sh OLD_BIN NEW_BIN [NEW=OLD ...]
#   NEW=OLD pairs name fingerprint prefixes that were renamed on purpose (e.g.
#   io-error=io): a difference that is only such a fingerprint (or GitLab's hash of it) is
#   counted, not reported.
# Writes to $DIFF_DIR (default /tmp/corroborate-diff). Needs python3.
set -euo pipefail
cd "$(dirname "$0")/.."
old=$(realpath "$1"); new=$(realpath "$2"); shift 2
work="${DIFF_DIR:-/tmp/corroborate-diff}"
rm -rf "$work"; mkdir -p "$work"
bench/difftest/fixtures.sh "$old" "$work/fixtures"
gen=target/release/examples/gen-dossier
[ -x "$gen" ] || cargo build --release --quiet --example gen-dossier
"$gen" --sources 20 --claims-per-source 500 --output "$work/fixtures/gen10k" > /dev/null 2>&1
for side in old new; do
  bin=$old; [ "$side" = new ] && bin=$new
  # The same working copy path for both, so that paths in messages agree.
  rm -rf "$work/run"; cp -a "$work/fixtures" "$work/run"
  bench/difftest/run.sh "$bin" "$PWD" "$work/run" "$work/$side"
done
rm -rf "$work/run"
# The writers of generated files (import, extract, init) and checks of what they wrote, at one
# path for both sides; what they write must be byte-identical.
for side in old new; do
  bin=$old; [ "$side" = new ] && bin=$new
  bench/difftest/writers.sh "$bin" "$PWD" "$work/writers"
  mv "$work/writers" "$work/writers-$side"
done
if diff -r "$work/writers-old" "$work/writers-new" > "$work/writers.diff"; then
  echo "writers: identical output and files ($(find "$work/writers-new" -type f | wc -l) files)"
else
  echo "writers: DIFFERENT, see $work/writers.diff"
fi
python3 bench/difftest/compare.py "$work/old" "$work/new" "$@"
