#!/usr/bin/env bash
# `tosim derive` wall and CPU time, this build against a base build, in
# interleaved rounds (base, new, base, new, ...) so both see the same load.
#
#   benchmarks/derive/run.sh [ROUNDS] [BASE_TOSIM]
#
# ROUNDS (default 3) rounds of `derive --fp32` and of `derive --all`, each into
# its own scratch folder; the tables of every run are compared with the
# committed ones (circuits/tables) and a difference stops the script. Without
# BASE_TOSIM only this build is timed. Prints every run and the medians, and
# writes results.json next to this script.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${1:-3}
BASE=${2:-}
OUT=benchmarks/derive/results.json
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
swift build -c release --product tosim >/dev/null
NEW=.build/release/tosim
machine="$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "machine: $machine"
runs="$WORK/runs.txt"
: >"$runs"
time_one() { # build-label binary precision-flag
  local label=$1 bin=$2 flag=$3 dir="$WORK/out"
  rm -rf "$dir" && mkdir -p "$dir"
  /usr/bin/time -f "%e %U %M" -o "$WORK/time" "$bin" derive "$flag" --out "$dir" --quiet >/dev/null
  for file in "$dir"/*; do
    cmp -s "$file" "circuits/tables/$(basename "$file")" || { echo "$label $flag: $(basename "$file") differs from circuits/tables" >&2; exit 1; }
  done
  read -r wall user rss <"$WORK/time"
  echo "$label $flag $wall $user $rss" | tee -a "$runs"
}
for round in $(seq "$ROUNDS"); do
  for flag in --fp32 --all; do
    [ -n "$BASE" ] && time_one base "$BASE" "$flag"
    time_one new "$NEW" "$flag"
  done
done
python3 - "$runs" "$OUT" "$machine" "$(git rev-parse --short HEAD)" <<'PY'
import json, statistics, sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
result = {"revision": sys.argv[4], "machine": sys.argv[3], "runs": [], "medians": []}
for label, flag, wall, user, rss in rows:
    result["runs"].append({"build": label, "command": "derive " + flag, "wall_s": float(wall), "user_s": float(user), "peak_rss_kb": int(rss)})
for label in sorted({r[0] for r in rows}):
    for flag in ("--fp32", "--all"):
        picked = [r for r in rows if r[0] == label and r[1] == flag]
        if not picked:
            continue
        median = {"build": label, "command": "derive " + flag, "rounds": len(picked),
                  "wall_s": statistics.median(float(r[2]) for r in picked),
                  "user_s": statistics.median(float(r[3]) for r in picked),
                  "peak_rss_kb": max(int(r[4]) for r in picked)}
        result["medians"].append(median)
        print("median %-4s derive %-6s %6.2f s wall %6.2f s user %7d KB peak (%d rounds)" % (
            label, flag, median["wall_s"], median["user_s"], median["peak_rss_kb"], len(picked)))
json.dump(result, open(sys.argv[2], "w"), indent=2)
open(sys.argv[2], "a").write("\n")
PY
echo "wrote $OUT"
