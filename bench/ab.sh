#!/usr/bin/env bash
# Alternating A/B benchmark of two corroborate binaries on one dossier: each round runs every
# command with the old binary, then the new one, so drift in machine load hits both alike.
# Prints the median wall time (s) and peak memory (MiB) per command and binary, and the ratio.
# Usage: bench/ab.sh OLD_BIN NEW_BIN DOSSIER [ROUNDS]   (default 5 rounds)
# Commands measured: check; report --format json; resolve --format json with each method both
# binaries know (the default method too). Run it on an otherwise idle machine.
set -euo pipefail
[ $# -ge 3 ] || { echo "usage: bench/ab.sh OLD_BIN NEW_BIN DOSSIER [ROUNDS]" >&2; exit 2; }
old=$1 new=$2 dir=$3 rounds=${4:-5}
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

methods() {
  "$1" resolve --help 2>/dev/null | grep -oE 'possible values: [^]]+' | head -n 1 \
    | sed 's/possible values: //' | tr ',' '\n' | tr -d ' ' || true
}
common=$(comm -12 <(methods "$old" | sort) <(methods "$new" | sort))
cmds=("check" "report --format json" "resolve --format json")
for m in $common; do cmds+=("resolve --format json --method $m"); done

for ((r = 1; r <= rounds; r++)); do
  for i in "${!cmds[@]}"; do
    for side in old new; do
      bin=${!side}
      # shellcheck disable=SC2086
      /usr/bin/time -f "%e %M" -o "$work/t" "$bin" ${cmds[$i]} "$dir" >/dev/null 2>&1 || true
      tail -n 1 "$work/t" >> "$work/$side.$i"
    done
  done
done

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
echo "| command | old s | new s | new/old | old MiB | new MiB |"
echo "|---|---:|---:|---:|---:|---:|"
for i in "${!cmds[@]}"; do
  os=$(cut -d' ' -f1 "$work/old.$i" | median); ns=$(cut -d' ' -f1 "$work/new.$i" | median)
  om=$(cut -d' ' -f2 "$work/old.$i" | median); nm=$(cut -d' ' -f2 "$work/new.$i" | median)
  awk -v c="${cmds[$i]}" -v os="$os" -v ns="$ns" -v om="$om" -v nm="$nm" \
    'BEGIN { printf "| %s | %.2f | %.2f | %.2f | %.0f | %.0f |\n", c, os, ns, (os > 0 ? ns / os : 0), om / 1024, nm / 1024 }'
done
