#!/usr/bin/env bash
# Runs BIN's writers of generated files (import with its column variants, extract in every
# format on every bundled seed, init) into OUT, and check / report --format json on what
# import and init wrote. Tables are made here; the Books dataset is used when
# ../shared/datasets/books is present. For proving that the writers' output is unchanged:
# `diff -r` two OUT folders.
# Usage: writers.sh BIN REPO OUT
set -uo pipefail
bin=$(realpath "$1"); repo=$(realpath "$2"); out=$3
rm -rf "$out"; mkdir -p "$out/tables"; out=$(realpath "$out")
t=$out/tables
one() { # name cwd args...
  local name=$1 cwd=$2; shift 2
  (cd "$cwd" && timeout 600 "$bin" "$@" > "$out/$name.out" 2> "$out/$name.err"; echo $? > "$out/$name.rc")
}
printf 'ObjectID,PropertyID,PropertyValue,SourceID\nq1,height,120,s1\nq1,height,120,s2\nq1,height,"1,250",s3\nq2,"he said ""hi""",tall,Some Outlet!\nq3,name,"line\nbreak",s1\nq4,name,é ünïcode – “quotes”,s4\nq5,name,,s5\n' > "$t/export.csv"
printf 'obj,src,val,timestamp\nq1,s1,120,2020-01-01\nq1,s2,121,2020-13\nq1,s3,122,yesterday 10:00\nq2,s1,5 km,\n' > "$t/times.csv"
printf 'id,source,object,value\n1,s1,q1,120\n2,s2,q1,121\n3,s3,q1,£7 billion\n' > "$t/columns.csv"
printf 'flight,source,sched_dep,act_dep\nAA1,s1,7:10 PM,7:25 PM\nAA1,s2,19:10,19:26\nUA2,s1,noon,12:05 p.m.\n' > "$t/wide.csv"
printf 'id,name,parent\nUS,United States,\nIL,Illinois,US\nSPR,Springfield,IL\nCHI,Chicago,IL\nFR,France,\n' > "$t/places.csv"
printf 'object,property,value,source\np1,birthplace,United States,a\np1,birthplace,Springfield,d\np1,birthplace,Chicago,f\np1,birthplace,France,g\n' > "$t/people.csv"
printf 'q1\ts1\t2024-02-01\nq1\ts2\tFebruary 2024\nq2\ts1\t3 years\n' > "$t/plain.tsv"
one import.export "$t" import export.csv -o "$out/d.export"
one import.times "$t" import times.csv -o "$out/d.times"
one import.columns "$t" import columns.csv --columns -,source,object,value --header -o "$out/d.columns"
one import.wide "$t" import wide.csv --columns object,source,-,- --header --value-columns sched_dep,act_dep -o "$out/d.wide"
one import.hier "$t" import people.csv --hierarchy places.csv -o "$out/d.hier"
one import.plain "$t" import plain.tsv --columns object,source,value --property when -o "$out/d.plain"
one import.kind "$t" import plain.tsv --columns object,source,value --kind text -o "$out/d.kind"
(cd "$t" && "$bin" import - --columns object,source,value --delimiter tab -o "$out/d.stdin" < plain.tsv > "$out/import.stdin.out" 2> "$out/import.stdin.err"; echo $? > "$out/import.stdin.rc")
books=$repo/../shared/datasets/books/book.txt
if [ -f "$books" ]; then
  one import.books.title "$t" import "$books" --columns source,object,value,- --property title -o "$out/d.books-title"
  one import.books.authors "$t" import "$books" --columns source,object,-,value --property authors -o "$out/d.books-authors"
else
  echo "writers.sh: $books not found; the Books imports are skipped" >&2
fi
one init "$out" init "$out/d.init"
for d in "$out"/d.*; do
  n=$(basename "$d")
  one "$n.check" "$out" check --format json "$n"
  one "$n.report" "$out" report --format json "$n"
done
for s in "$repo"/seeds/*.txt; do
  n=$(basename "$s" .txt)
  for f in jsonl yaml claims-jsonl; do
    one "extract.$n.$f" "$repo" extract --format "$f" "seeds/$n.txt"
    one "extract.$n.$f.published" "$repo" extract --format "$f" --published 2024-03 "seeds/$n.txt"
  done
  one "extract.$n.output" "$repo" extract --format yaml -o "$out/extract-$n.yaml" "seeds/$n.txt"
done
# A draft claim file reads back: check the bundled dossier's seeds drafted into one.
mkdir -p "$out/d.drafts/claims" "$out/d.drafts/seeds"
cp "$repo"/seeds/*.txt "$out/d.drafts/seeds/"
cp "$out/d.init/claims/"{properties,entities}.yaml "$out/d.drafts/claims/"
for s in "$repo"/seeds/*.txt; do
  n=$(basename "$s" .txt)
  cp "$out/extract.$n.yaml.out" "$out/d.drafts/claims/$n.yaml"
done
one d.drafts.check "$out" check --format json d.drafts
