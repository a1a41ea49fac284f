#!/usr/bin/env bash
# A longer run of the network counter's structural fuzzer
# (Tests/TosimNNTests/OperatorFuzzTests.swift): random graphs over every ONNX
# operator with extreme attributes, mutated valid graphs and random layer
# specs, SCALE times the rounds `swift test` runs, from seed offset SEED.
# Every graph must be counted or rejected with an InputError; a trap fails.
# Usage: benchmarks/nn-fuzz/run.sh [SCALE] [SEED]   (default 100 1)
set -euo pipefail
cd "$(dirname "$0")/../.."
scale="${1:-100}"
seed="${2:-1}"
start=$(date +%s)
TOSIM_FUZZ_SCALE="$scale" TOSIM_FUZZ_SEED="$seed" swift test --filter OperatorFuzzTests
echo "nn-fuzz: scale $scale, seed $seed: no traps, $(( $(date +%s) - start )) s"
