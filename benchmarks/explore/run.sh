#!/usr/bin/env bash
# Integer design exploration benchmark: `tosim explore` for every family
# (adders, multipliers, dividers, sqrt) at 32 and 64 bits with 65,536 random
# operand vectors per design — every design simulated zero-delay with
# per-operation switching recorded and unit-delay with glitches counted, and
# every result checked against Swift arithmetic.
#
#   benchmarks/explore/run.sh [VECTORS] [WIDTHS...]
#
# Prints wall time and gate-vector evaluations per second (cells × vectors of
# all designs / wall seconds; each gate-vector is simulated in both modes) per
# run, and writes results.json next to this script. Designs run in parallel
# on the machine's cores (Dispatch concurrentPerform).
set -euo pipefail
cd "$(dirname "$0")/../.."
VECTORS=${1:-65536}
shift || true
WIDTHS=${*:-32 64}
OUT=benchmarks/explore/results.json
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
swift build -c release --product tosim >/dev/null
BIN=.build/release/tosim
now() { date +%s.%N; }
runs=()
for width in $WIDTHS; do
  for family in adders multipliers dividers sqrt; do
    start=$(now)
    "$BIN" explore "$family" --width "$width" --vectors "$VECTORS" --json >"$WORK/$family$width.json" 2>/dev/null
    end=$(now)
    line=$(python3 - "$WORK/$family$width.json" "$start" "$end" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
seconds = float(sys.argv[3]) - float(sys.argv[2])
evaluations = sum(d["gate_vector_evaluations"] for d in data["designs"])
print(json.dumps({"family": data["family"], "width": data["width"], "vectors": data["vectors"],
  "designs": len(data["designs"]), "cells": sum(d["cells"] for d in data["designs"]),
  "seconds": round(seconds, 3), "gate_vector_evaluations_per_second": float("%.3g" % (evaluations / seconds))}))
PY
)
    runs+=("$line")
    python3 -c "import json,sys; r=json.loads(sys.argv[1]); print('%-12s int%-4d %2d designs %7d cells %6.2f s  %.2e gate-vector evals/s' % (r['family'], r['width'], r['designs'], r['cells'], r['seconds'], r['gate_vector_evaluations_per_second']))" "$line"
  done
done
{
  echo "{"
  echo "  \"revision\": \"$(git rev-parse --short HEAD)\","
  echo "  \"machine\": \"$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)\","
  echo "  \"runs\": ["
  for i in "${!runs[@]}"; do
    sep=","; [ "$i" -eq $((${#runs[@]} - 1)) ] && sep=""
    echo "    ${runs[$i]}$sep"
  done
  echo "  ]"
  echo "}"
} >"$OUT"
echo "wrote $OUT"
