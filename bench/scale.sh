#!/usr/bin/env bash
# Scale benchmark: `check` and `report --format json` on generated dossiers of 10k, 100k and
# 1M claims in YAML and JSON Lines, against the parse-only floor measured in the same run.
# Usage: bench/scale.sh [SIZES...]   (default: 10000 100000 1000000)
#        bench/scale.sh --shapes      the inputs that once blew up, each at n and 10n (the
#        nested shape's input grows as n², so it runs at n and about √10·n: 10x the bytes)
# Prints a Markdown table: wall time (s), peak memory (MiB), ratio of check to the floor, and
# `resolve --format json` (accu, the default method).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-10000 100000 1000000}")
read -r -a sizes <<< "${sizes[*]}"
work="${BENCH_DIR:-/tmp/corroborate-bench}"
mkdir -p "$work"
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }
cargo build --release --quiet --example gen-dossier --example parse-floor
cargo build --release --quiet
bin=target/release/corroborate
measure() { # prints "seconds MiB"
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" > /dev/null 2>&1 || true
  tail -n 1 "$work/time.txt" | awk '{printf "%.2f %.0f", $1, $2/1024}'
}
if [ "${1:-}" = "--shapes" ]; then
  echo "| shape | n | input MiB | command | s | MiB |"
  echo "|---|---:|---:|---|---:|---:|"
  for spec in "chain 10000 100000" "star 5000 50000" "nested 1000 3162" "lattice 100 1000" "cyrillic 4000 40000"; do
    read -r shape small large <<< "$spec"
    for n in $small $large; do
      dir="$work/shape-$shape-$n"
      rm -rf "$dir"
      target/release/examples/gen-dossier --shape "$shape" --sources "$n" --output "$dir"
      mib=$(du -sm "$dir" | cut -f1)
      if [ "$shape" = cyrillic ]; then
        cmd="import"
        read -r s m <<< "$(measure "$bin" import "$dir/table.csv" --output "$dir/out")"
      else
        cmd="report --format json"
        read -r s m <<< "$(measure "$bin" report --format json "$dir")"
      fi
      echo "| $shape | $n | $mib | $cmd | $s | $m |"
    done
  done
  exit 0
fi
echo "| claims | format | files | floor s | floor MiB | check s | check MiB | check/floor | report json s | report MiB | resolve json s | resolve MiB |"
echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
  sources=$(( n / 100 ))
  big=$(( n / 10 ))
  for fmt in jsonl yaml; do
    dir="$work/$fmt-$n"
    if [ ! -d "$dir" ]; then
      target/release/examples/gen-dossier --sources "$sources" --claims-per-source 100 \
        --output "$dir" --format "$fmt" --seed 7 --big-group "$big" 2>/dev/null
    fi
    files=$(ls "$dir/claims" | wc -l)
    read -r fs fm <<< "$(measure target/release/examples/parse-floor "$dir")"
    read -r cs cm <<< "$(measure "$bin" check "$dir")"
    read -r rs rm <<< "$(measure "$bin" report --format json "$dir")"
    read -r vs vm <<< "$(measure "$bin" resolve --format json "$dir")"
    ratio=$(awk -v c="$cs" -v f="$fs" 'BEGIN { printf "%.2f", (f > 0 ? c / f : 0) }')
    echo "| $n | $fmt | $files | $fs | $fm | $cs | $cm | ${ratio}x | $rs | $rm | $vs | $vm |"
  done
done
