#!/usr/bin/env bash
# Runs every command and every output format of two corroborate binaries on a dossier and
# compares stdout, stderr, exit code and any files written, byte for byte.
#
#   bench/compare-outputs.sh OLD_BINARY NEW_BINARY DOSSIER [DOSSIER...]
#
# Each binary is run as `corroborate` (clap names itself after argv[0]). Commands that write
# (check --fix, accept, init, import, --output) run on a fresh copy of the dossier at the same
# path for both binaries, and the files they leave are compared too. Exit status: 0 when
# everything is identical, 1 otherwise (the differing cases are listed, with a diff).
# `check --watch` runs for a few seconds on the first dossier only (it waits forever); anything
# else touching that dossier meanwhile (a `cargo test` in the same tree) shows up as a difference.
set -u

if [ $# -lt 3 ]; then
  echo "usage: $0 OLD_BINARY NEW_BINARY DOSSIER [DOSSIER...]" >&2
  exit 2
fi
old=$(realpath "$1")
new=$(realpath "$2")
shift 2
work=$(mktemp -d "${TMPDIR:-/tmp}/compare-outputs.XXXXXX")
mkdir -p "$work/bin/old" "$work/bin/new"
cp "$old" "$work/bin/old/corroborate"
cp "$new" "$work/bin/new/corroborate"
# Tables and colour must not depend on the terminal this script runs in.
export COLUMNS=120
unset NO_COLOR FORCE_COLOR

cases=0
n=0

# run NAME DIR ARGS... : runs `corroborate ARGS...` in DIR with both binaries.
run() {
  local name=$1 dir=$2
  shift 2
  cases=$((cases + 1))
  for side in old new; do
    local out="$work/out/$side/$prefix"
    mkdir -p "$out"
    (cd "$dir" && "$work/bin/$side/corroborate" "$@" >"$out/$name.stdout" 2>"$out/$name.stderr" </dev/null)
    echo $? >"$out/$name.code"
  done
}

# run_stdin NAME DIR FILE ARGS... : as run, with FILE on standard input.
run_stdin() {
  local name=$1 dir=$2 input=$3
  shift 3
  cases=$((cases + 1))
  for side in old new; do
    local out="$work/out/$side/$prefix"
    mkdir -p "$out"
    (cd "$dir" && "$work/bin/$side/corroborate" "$@" >"$out/$name.stdout" 2>"$out/$name.stderr" <"$input")
    echo $? >"$out/$name.code"
  done
}

# run_copy NAME ARGS... : runs in a fresh copy of the dossier (at the same path for both
# binaries) and keeps the copy's files as NAME.tree for comparison.
run_copy() {
  local name=$1
  shift
  cases=$((cases + 1))
  for side in old new; do
    local out="$work/out/$side/$prefix"
    mkdir -p "$out"
    rm -rf "$work/copy"
    mkdir -p "$work/copy"
    cp -r "$src/claims" "$src/seeds" "$work/copy/" 2>/dev/null
    [ -f "$src/corroborate.toml" ] && cp "$src/corroborate.toml" "$work/copy/"
    (cd "$work/copy" && "$work/bin/$side/corroborate" "$@" >"$out/$name.stdout" 2>"$out/$name.stderr" </dev/null)
    echo $? >"$out/$name.code"
    rm -rf "$out/$name.tree"
    cp -r "$work/copy" "$out/$name.tree"
  done
}

for src in "$@"; do
  src=$(realpath "$src")
  n=$((n + 1))
  prefix="d$n-$(basename "$src")"
  d=$src

  # Help and version, every subcommand.
  run help "$d" --help
  run help-short "$d" -h
  run version "$d" --version
  for sub in check report accept normalize extract rules schema init resolve import completions man help; do
    run "help-$sub" "$d" "$sub" --help
  done
  run no-args-is-check "$d"
  run bad-subcommand "$d" chekc

  # check: every format, with and without statistics, quiet, fail-on levels, rule selection.
  for f in human brief json sarif github junit gitlab; do
    run "check-$f" "$d" check --format "$f"
    run "check-$f-quiet" "$d" check --format "$f" --quiet
    run "check-$f-statistics" "$d" check --format "$f" --statistics
    run "check-$f-color" "$d" --color always check --format "$f"
  done
  for level in error warning info never; do
    run "check-fail-on-$level" "$d" check --fail-on "$level"
  done
  run check-select "$d" check --select conflict,contested --format brief
  run check-ignore "$d" check --ignore contested --format brief
  run check-unknown-rule "$d" check --select conflcit
  run check-isolated "$d" --isolated check --format brief
  run check-from-claims "$d/claims" check
  run check-dir-arg / check "$d" --format brief
  run check-diff "$d" check --diff
  run check-diff-quiet "$d" check --diff --quiet
  run check-output-exists "$d" check --output claims --format json
  run_copy check-fix check --fix
  run_copy check-fix-quiet check --fix --quiet --format brief
  run_copy check-output check --format sarif --output out.sarif
  run_copy check-output-force check --format json --output claims/entities.yaml --force
  run check-no-dossier /tmp check

  # report: every format and filter.
  for f in table markdown json html; do
    run "report-$f" "$d" report --format "$f"
    run "report-$f-color" "$d" --color always report --format "$f"
    run "report-$f-conflicts" "$d" report --format "$f" --verdict conflict --verdict agree
    run_copy "report-$f-output" report --format "$f" --output "out.$f"
  done
  run report-bad-verdict "$d" report --verdict conflcit
  run report-bad-subject "$d" report --subject "no such subject"
  run report-bad-source "$d" report --source "no-such-source"
  first_source=$(cd "$d" && "$work/bin/old/corroborate" report --format json 2>/dev/null |
    grep -m1 -o '"id": "[^"]*"' | sed 's/"id": "\(.*\)"/\1/')
  if [ -n "$first_source" ]; then
    run report-source "$d" report --source "$first_source" --format markdown
  fi
  run report-output-exists "$d" report --output claims
  (export COLUMNS=60; run report-table-60 "$d" report)

  # resolve: every method and format.
  for m in vote truthfinder accu crh investment pooled-investment hier; do
    for f in table json; do
      run "resolve-$m-$f" "$d" resolve --method "$m" --format "$f"
    done
    run "resolve-$m-all" "$d" resolve --method "$m" --all --limit 0
  done
  run resolve-limit "$d" resolve --all --limit 3
  run resolve-bad-method "$d" resolve --method majority

  # accept.
  run_copy accept-conflicts accept --reason "reviewed"
  run_copy accept-contested accept --reason "reviewed" --rule contested
  run_copy accept-bad-rule accept --reason "x" --rule conflcit
  run_copy accept-empty-reason accept --reason " "
  run_copy accept-bad-fingerprint accept --reason "x" --fingerprint "nope"
  fp=$(cd "$d" && "$work/bin/old/corroborate" check --format json 2>/dev/null |
    grep -m1 -o '"fingerprint": "[^"]*"' | sed 's/"fingerprint": "\(.*\)"/\1/')
  if [ -n "$fp" ]; then
    run_copy accept-fingerprint accept --reason "x" --fingerprint "$fp"
  fi

  # extract: every seed text, every format.
  i=0
  for seed in "$d"/seeds/*.txt; do
    [ -f "$seed" ] || continue
    i=$((i + 1))
    [ $i -gt 5 ] && break
    for f in jsonl yaml claims-jsonl; do
      run "extract-$i-$f" "$d" extract "$seed" --format "$f"
      run "extract-$i-$f-published" "$d" extract "$seed" --format "$f" --published 2024-01-05
    done
    run_stdin "extract-$i-stdin" "$d" "$seed" extract - --format yaml
    run "extract-$i-elsewhere" /tmp extract "$seed" --format claims-jsonl
  done
  run_copy extract-output extract "seeds/$(ls "$d/seeds" | head -1)" --output draft.yaml --format yaml
  run extract-missing "$d" extract no-such-file.txt
  run extract-bad-date "$d" extract no-such-file.txt --published 2024-13

  # init and import.
  run_copy init init newdossier
  run_copy init-again init .
  printf 'object,property,value,source,time\nflight 1,departure,7:10 a.m.,s1,2024-01-02\nflight 1,departure,7:12 a.m.,s2,2024-01-02\nflight 2,delay,about 20 minutes,s1,\nflight 2,delay,25 minutes,s3,\ncity,population,"1,200,000",s2,\ncity,population,1.2 million,s3,\n' >"$work/table.csv"
  run_copy import import "$work/table.csv" --output imported
  run_copy import-kind import "$work/table.csv" --output imported --kind text
  run_copy import-columns import "$work/table.csv" --output imported --columns object,property,value,source,- --header
  run_copy import-bad-role import "$work/table.csv" --output imported --columns object,nope
  cases=$((cases + 1))
  for side in old new; do
    out="$work/out/$side/$prefix"
    rm -rf "$work/imported-stdin"
    (cd "$work" && "$work/bin/$side/corroborate" import - --output imported-stdin >"$out/import-stdin.stdout" 2>"$out/import-stdin.stderr" <"$work/table.csv")
    echo $? >"$out/import-stdin.code"
    rm -rf "$out/import-stdin.tree"
    cp -r "$work/imported-stdin" "$out/import-stdin.tree"
  done
  rm -rf "$work/imported-stdin"

  # rules, schema, completions, man.
  run rules "$d" rules
  run rules-markdown "$d" rules --markdown
  for k in claims entities properties accepted scopes rates bogus; do
    run "schema-$k" "$d" schema "$k"
  done
  for s in bash zsh fish elvish powershell; do
    run "completions-$s" "$d" completions "$s"
  done
  run man "$d" man
done

# normalize: values of every kind, both formats, with kinds and reference dates.
prefix=normalize
d=/tmp
values=("approximately 25,000" "between 80,000 and 100,000" "over 90" "£7 billion" "February 2022"
  "last month" "510 miles (820 kms)" "several months ago" "7:10 a.m." "eight years old" "£640 million (\$810 million)"
  "nonsense words" "" "1.2m" "-16°C" "+2.9%" "Smith, J. and Jones, K." "2024-04-01" "three" "a dozen")
i=0
for v in "${values[@]}"; do
  i=$((i + 1))
  run "normalize-$i" "$d" normalize "$v"
  run "normalize-$i-json" "$d" normalize "$v" --format json
  run "normalize-$i-as-of" "$d" normalize "$v" --as-of 2024-01-05
done
for k in quantity money date duration text name-list time; do
  run "normalize-kind-$k" "$d" normalize "about 20" --kind "$k" --format json
done
run normalize-bad-date "$d" normalize "today" --as-of yesterday

# check --watch: the first check, then it waits (killed after a few seconds).
prefix=watch
first=$(realpath "$1")
for side in old new; do
  out="$work/out/$side/$prefix"
  mkdir -p "$out"
  (cd "$first" && timeout 8 "$work/bin/$side/corroborate" check --watch --format brief >"$out/watch.stdout" 2>"$out/watch.stderr" </dev/null)
  echo $? >"$out/watch.code"
done
cases=$((cases + 1))

if diff -r "$work/out/old" "$work/out/new" >"$work/diff.txt"; then
  echo "identical: $cases cases on $# dossier(s) (stdout, stderr, exit code, files written)"
  rm -rf "$work"
  exit 0
fi
echo "DIFFERENT ($cases cases); differing files:"
diff -rq "$work/out/old" "$work/out/new" | sed "s|$work/out/||g"
echo "full diff: $work/diff.txt"
exit 1
