#!/usr/bin/env bash
# Verifies every gate-level floating-point unit bit for bit against the
# reference (Swift Float16/Float/Double; Double rounded once for bf16 and
# fp8) on 10^6 vectors per op per format: `tosim derive` checks every
# simulated result and fails on the first table with a mismatch. Runs both
# operand distributions (uniform bit patterns: NaNs, infinities, subnormals
# and huge exponent gaps; normal: DL-like values, cancellation-heavy).
# Usage: benchmarks/fp-verify/run.sh [VECTORS] [SEED]   (default 1000000 1)
# Output: a log per distribution in benchmarks/fp-verify/results/ (tables go
# to a temporary folder, not circuits/tables).
set -euo pipefail
cd "$(dirname "$0")/../.."
vectors="${1:-1000000}"
seed="${2:-1}"
swift build -c release --product tosim
out="$(mktemp -d)"
mkdir -p benchmarks/fp-verify/results
for operands in uniform normal; do
  log="benchmarks/fp-verify/results/${operands}-${vectors}-seed${seed}.log"
  start=$(date +%s)
  .build/release/tosim derive --fp8 --fp16 --bf16 --fp32 --fp64 --vectors "$vectors" --seed "$seed" \
    --operands "$operands" --out "$out" --quiet > "$log"
  echo "$operands: $vectors vectors per op per format verified, 0 mismatches, $(( $(date +%s) - start )) s" | tee -a "$log"
done
rm -rf "$out"
