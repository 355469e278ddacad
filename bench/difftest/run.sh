#!/usr/bin/env bash
# Runs BIN's loading commands on the bundled dossier (REPO) and every dossier under WORK,
# writing NAME.out, NAME.err and NAME.rc (and files the writers changed) into OUT. The binary
# is called `corroborate` in a folder of its own, so that usage lines name it alike.
# Usage: run.sh BIN REPO WORK OUT
set -uo pipefail
bin=$1; repo=$2; work=$3; out=$4
mkdir -p "$out/.bin"; cp "$bin" "$out/.bin/corroborate"; bin="$out/.bin/corroborate"
one() { # name cwd args...
  local name=$1 cwd=$2; shift 2
  (cd "$cwd" && timeout 600 "$bin" "$@" > "$out/$name.out" 2> "$out/$name.err"; echo $? > "$out/$name.rc")
}
all() { # tag cwd path
  local t=$1 cwd=$2 p=$3 f
  for f in human brief json sarif github junit gitlab; do one "$t.check.$f" "$cwd" check --format "$f" "$p"; done
  for f in human brief json; do one "$t.check.stats.$f" "$cwd" check --statistics --format "$f" "$p"; done
  one "$t.check.fail-never" "$cwd" check --fail-on never --format brief "$p"
  for f in table markdown json html; do one "$t.report.$f" "$cwd" report --format "$f" "$p"; done
  one "$t.report.conflicts" "$cwd" report --verdict conflict --format json "$p"
  for f in table json; do one "$t.resolve.$f" "$cwd" resolve --format "$f" "$p"; done
  one "$t.resolve.all" "$cwd" resolve --all --format json "$p"
  one "$t.resolve.hier" "$cwd" resolve --method hier --format json "$p"
}
all bundled "$repo" .
for d in $(ls "$work"); do
  all "$d" "$work" "$d"
  one "$d.check.diff" "$work" check --diff "$d"
  [ -f "$work/$d/seeds/example-source.txt" ] && one "$d.extract" "$work/$d" extract seeds/example-source.txt
done
# The writers, each followed by a check of what it wrote.
for d in acks empty-values; do
  one "$d.accept" "$work" accept "$d" --rule empty-value --reason r
  cp "$work/$d/claims/accepted.yaml" "$out/$d.accepted-after-accept.yaml"
  one "$d.after-accept" "$work" check --format json "$d"
done
for d in acks stale-only; do
  one "$d.fix" "$work" check --fix "$d"
  cp "$work/$d/claims/accepted.yaml" "$out/$d.accepted-after-fix.yaml"
done
rm -rf "$out/.bin"
