#!/usr/bin/env bash
# Builds broken dossiers under DIR from a dossier `BIN init` writes: one per kind of input
# problem the loader reports (bad YAML, missing fields, non-UTF-8, empty, too large, JSON Lines
# garbage, seeds, vocabularies, acknowledgements in old and current forms...).
# Usage: fixtures.sh BIN DIR
set -euo pipefail
BIN=$1; FX=$2
rm -rf "$FX"; mkdir -p "$FX"
"$BIN" init "$FX/.base" > /dev/null 2>&1
rm -rf "$FX/.base/.github" "$FX/.base/schema"
mk() { rm -rf "${FX:?}/$1"; cp -r "$FX/.base" "$FX/$1"; }
S=claims/example-source.yaml
mk clean
mk bad-yaml; printf 'source:\n  id: x\n  title: [unclosed\nclaims: []\n' > "$FX/bad-yaml/claims/broken.yaml"
mk missing-fields
sed -i '0,/    value: at least 12/{/    value: at least 12/d}' "$FX/missing-fields/$S"
sed -i 's/^    subject: the collapse$/    subjekt: the collapse/' "$FX/missing-fields/$S"
mk non-utf8
printf 'source:\n  id: caf\xe9\n  title: t\n  publisher: p\n  published: 2024-01-01\nclaims: []\n' > "$FX/non-utf8/claims/latin1.yaml"
printf 'bad \xff seed\n' > "$FX/non-utf8/seeds/example-source.txt"
mk empty; : > "$FX/empty/claims/empty.yaml"; : > "$FX/empty/claims/empty.jsonl"
mk empty-values
sed -i 's/^    value: at least 12/    value: ""/; s/^  title: .*/  title: ""/; s/^  published: .*/  published: 2024-13-45/' "$FX/empty-values/$S"
sed -i 's/^    quote: collapsed on Thursday evening/    quote: collapsed on Thursday evening\n    as_of: not-a-date/' "$FX/empty-values/$S"
mk too-large
{ printf 'source:\n  id: big\n  title: t\n  publisher: p\n  published: 2024-01-01\nclaims: []\n'
  head -c 68000000 /dev/zero | tr '\0' '#'; } > "$FX/too-large/claims/big.yaml"
mk jsonl
cat > "$FX/jsonl/claims/sources.jsonl" <<'J'
{"id":"j1","title":"J one","publisher":"P","published":"2024-01-02","text":"seeds/example-source.txt"}
{"id":"j1","title":"dup","publisher":"P","published":"2024-01-02"}
not json at all
{"id":"j2","title":"","publisher":"P","published":"unknown","derived_from":["nope"]}
J
printf '%s\n' '{"id":"c1","source":"j1","subject":"the collapse","property":"death toll","value":"12","quote":"killed at least 12 people"}' \
  '{"id":"c1","source":"j1","subject":"the collapse","property":"death toll","value":"13","quote":"killed 13"}' \
  '{"id":"c2","source":"ghost","subject":"x","property":"y","value":"z"}' \
  '{"id":"c3","source":"j1","subject":"x","property":"death toll","valeu":"1"}' > "$FX/jsonl/claims/more.jsonl"
printf '\xff\xfe bad line\n' >> "$FX/jsonl/claims/more.jsonl"
printf '%s\n' '{"id":"c4","source":"j1","subject":"","property":"death toll","value":"9","quote":"nowhere in text","as_of":"2024-99"}' >> "$FX/jsonl/claims/more.jsonl"
printf '{"id":"e1","name":"E"}\n{broken\n' > "$FX/jsonl/claims/entities.jsonl"
mk seeds
src() { # id text-line extra-claims
  printf 'source:\n  id: %s\n  title: T\n  publisher: P\n  published: 2024-01-01\n%bclaims:\n  - id: a\n    subject: the collapse\n    property: death toll\n    value: 12\n%b' "$1" "$2" "$3"
}
src s2 '  text: ../outside.txt\n' '' > "$FX/seeds/claims/s2.yaml"
src s3 '  text: seeds/missing.txt\n' '    quote: whatever\n' > "$FX/seeds/claims/s3.yaml"
src s4 '  text: seeds\n' '    quote: whatever\n' > "$FX/seeds/claims/s4.yaml"
src s5 '' '  - id: a\n    subject: the collapse\n    property: death toll\n    value: 13\n    quote: The council blamed Acme\n' > "$FX/seeds/claims/s5.yaml"
ln -s /etc/hostname "$FX/seeds/claims/outside.yaml"
mk vocab
printf 'entities:\n  - id: a\n    part_of: [b]\n  - id: b\n    part_of: [a]\n  - id: c\n    aliaes: [x]\n' > "$FX/vocab/claims/entities.yaml"
printf 'scopes:\n  - id: s\n    part_of: [t]\n  - id: t\n    part_of: [s]\n  - id: s\n  - id: u\n    unscoped: true\n  - id: v\n    unscoped: true\n    total_of: [nothere]\n' > "$FX/vocab/claims/scopes.yaml"
printf 'rates:\n  - pair: GBP/XXX\n    rate: -1\n    date: 2024-13\n    source: me\n' > "$FX/vocab/claims/rates.yaml"
sed -i '0,/    unit: people/s//    unit: years/' "$FX/vocab/claims/properties.yaml"
mk scope-cycle
printf 'scopes:\n  - id: north\n    part_of: [south]\n  - id: south\n    part_of: [north]\n' > "$FX/scope-cycle/claims/scopes.yaml"
mk acks
sed -i 's/^    value: at least 12/    value: ""/' "$FX/acks/$S"
printf 'source:\n  id: w\n  title: t\n  publisher: p\n  published: 2024-01-01\nclaims: []\n' > "$FX/acks/claims/w.yaml"
cat > "$FX/acks/claims/accepted.yaml" <<'Y'
accepted:
  - fingerprint: "empty:example-source:death-toll:value"
    reason: old form
  - fingerprint: "io:claims/gone.yaml"
    reason: stale old form
  - fingerprint: "seed-missing:w:"
    reason: current form
  - fingerprint: "conflict:gone"
    reason: stale current form
Y
mk acks-input
printf 'source:\n  id: caf\xe9\n' > "$FX/acks-input/claims/latin1.yaml"
printf 'accepted:\n  - fingerprint: "utf8:claims/latin1.yaml"\n    reason: old form\n' > "$FX/acks-input/claims/accepted.yaml"
mk stale-only
printf 'accepted:\n  - fingerprint: "io:claims/gone.yaml"\n    reason: old\n  - fingerprint: "conflict:gone"\n    reason: current\n' > "$FX/stale-only/claims/accepted.yaml"
mk dir-claim; mkdir "$FX/dir-claim/claims/adir.yaml"
mk no-claims; rm -rf "$FX/no-claims/claims"
rm -rf "$FX/.base"
