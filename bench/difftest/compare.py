"""Compares two output folders of bench/difftest/run.sh. Arguments: OLD NEW [NEW=OLD ...], the
pairs naming fingerprint prefixes renamed on purpose. A file that differs only in such
fingerprints (in text, in JSON, or as GitLab's hash of one) counts as `fingerprints only`;
any other difference is listed and makes the exit code 1."""
import filecmp, json, os, re, sys

old_dir, new_dir = sys.argv[1], sys.argv[2]
renames = dict(a.split("=", 1) for a in sys.argv[3:])
pat = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, renames)) + r"):") if renames else None


def back(s):
    """A new fingerprint in its old form."""
    return pat.sub(lambda m: renames[m.group(1)] + ":", s) if pat else s


def norm(v, side):
    """JSON with renamed prefixes put back (new side) and GitLab's hashes of fingerprints of
    renamed rules left out (both sides; the hash cannot be put back)."""
    if isinstance(v, dict):
        return {
            k: norm(x, side)
            for k, x in v.items()
            if not (k == "fingerprint" and v.get("check_name") in renames)
        }
    if isinstance(v, list):
        return [norm(x, side) for x in v]
    if isinstance(v, str) and side == "new":
        return back(v)
    return v


counts = {"identical": 0, "fingerprints only": 0, "different": 0}
names = sorted(set(os.listdir(old_dir)) | set(os.listdir(new_dir)))
for name in names:
    a, b = os.path.join(old_dir, name), os.path.join(new_dir, name)
    if not (os.path.exists(a) and os.path.exists(b)):
        print(f"only on one side: {name}")
        counts["different"] += 1
        continue
    if filecmp.cmp(a, b, shallow=False):
        counts["identical"] += 1
        continue
    ta = open(a, encoding="utf-8", errors="surrogateescape").read()
    tb = open(b, encoding="utf-8", errors="surrogateescape").read()
    try:
        same = norm(json.loads(ta), "old") == norm(json.loads(tb), "new")
    except json.JSONDecodeError:
        same = back(tb) == ta
    if same and renames:
        counts["fingerprints only"] += 1
    else:
        counts["different"] += 1
        print(f"differs: {name}")
print(", ".join(f"{n} {k}" for k, n in counts.items()), f"(of {len(names)} files)")
sys.exit(1 if counts["different"] else 0)
