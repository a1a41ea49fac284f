#!/usr/bin/env bash
# Longer fuzz run of the BLIF and SPICE readers: the same harness as
# `swift test` (Tests/TosimIOTests/ReaderFuzzTests.swift: seeded mutations of
# circuits/cells and circuits/designs/*.blif; every mutant must load or be an
# InputError, accepted standard cells must behave as the generators expect),
# with more mutants and a chosen seed, built in release.
# Usage: benchmarks/fuzz/run.sh [MUTANTS] [SEED...]   (default 20000, seeds 1 2 3)
# A trap stops the test process; the seed and mutant count reproduce it.
set -euo pipefail
cd "$(dirname "$0")/../.."
mutants="${1:-20000}"
shift || true
seeds=("$@")
[ ${#seeds[@]} -eq 0 ] && seeds=(1 2 3)
swift build -c release --build-tests
for seed in "${seeds[@]}"; do
  start=$(date +%s)
  TOSIM_FUZZ_ITERATIONS="$mutants" TOSIM_FUZZ_SEED="$seed" \
    swift test -c release --skip-build --filter ReaderFuzzTests
  echo "seed $seed: $mutants BLIF and $((3 * mutants)) SPICE mutants, no trap, $(( $(date +%s) - start )) s"
done
