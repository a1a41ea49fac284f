#!/usr/bin/env bash
# Simulator throughput: tosim's WordSimulator vs Icarus Verilog and Verilator
# on the same generated netlist (blocks of XOR2 cells feeding 32-bit
# ripple-carry adders, ~100k cells), in one run on one machine.
#
#   benchmarks/simulator/run.sh [CELLS] [VECTORS] [ICARUS_VECTORS] [VERILATOR_VECTORS]
#
# Installs iverilog and verilator from Debian packages when missing. Prints
# gate-vector evaluations per second (cells × vectors / seconds) for each
# simulator and writes results.json next to this script. Icarus and
# Verilator only simulate (no toggle counting); tosim counts toggles too.
set -euo pipefail
cd "$(dirname "$0")"
CELLS=${1:-100000}
VECTORS=${2:-1048576}
ICARUS_VECTORS=${3:-20}
VERILATOR_VECTORS=${4:-200000}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

if ! command -v iverilog >/dev/null || ! command -v verilator >/dev/null; then
  apt-get update -qq && apt-get install -y -qq iverilog verilator >/dev/null
fi

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
swift build -c release >/dev/null
.build/release/SimulatorBenchmark --cells "$CELLS" --vectors "$VECTORS" \
  --verilog "$WORK/bench.v" --bench-vectors "$ICARUS_VECTORS" --json "$WORK/tosim.json"

cells=$(python3 -c "import json;print(json.load(open('$WORK/tosim.json'))[0]['cells'])")
rate() { python3 -c "print('%.3e' % ($cells * $2 / $1))"; }
now() { date +%s.%N; }

iverilog -o "$WORK/bench.vvp" "$WORK/bench.v"
start=$(now); vvp -n "$WORK/bench.vvp" "+vectors=$ICARUS_VECTORS" >"$WORK/icarus.log"; end=$(now)
icarus_s=$(python3 -c "print($end - $start)")
echo "icarus     $cells cells $ICARUS_VECTORS vectors ${icarus_s} s  $(rate "$icarus_s" "$ICARUS_VECTORS") gate-vector evals/s  ($(grep done "$WORK/icarus.log"))"

start=$(now)
verilator --binary -O3 --x-assign fast -Wno-fatal -Wno-lint -Wno-style -j "$(nproc)" \
  --top-module bench -Mdir "$WORK/obj" "$WORK/bench.v" >"$WORK/verilator-build.log" 2>&1
end=$(now)
build_s=$(python3 -c "print($end - $start)")
"$WORK/obj/Vbench" "+vectors=$ICARUS_VECTORS" >"$WORK/verilator-check.log"
start=$(now); "$WORK/obj/Vbench" "+vectors=$VERILATOR_VECTORS" >"$WORK/verilator.log"; end=$(now)
verilator_s=$(python3 -c "print($end - $start)")
echo "verilator  $cells cells $VERILATOR_VECTORS vectors ${verilator_s} s  $(rate "$verilator_s" "$VERILATOR_VECTORS") gate-vector evals/s  (build ${build_s} s; $(grep done "$WORK/verilator.log"))"
if [ "$(grep done "$WORK/icarus.log")" != "$(grep done "$WORK/verilator-check.log")" ]; then
  echo "error: Icarus and Verilator disagree on the same vectors" >&2; exit 1
fi

python3 - "$WORK/tosim.json" "$icarus_s" "$verilator_s" "$build_s" "$ICARUS_VECTORS" "$VERILATOR_VECTORS" <<'PY'
import json, sys, subprocess
tosim = json.load(open(sys.argv[1]))
icarus_s, verilator_s, build_s, icarus_vectors, verilator_vectors = map(float, sys.argv[2:7])
cells = tosim[0]["cells"]
zero = tosim[0]["gate_vector_evaluations_per_second"]
icarus = cells * icarus_vectors / icarus_s
verilator = cells * verilator_vectors / verilator_s
rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
out = {"revision": rev, "tosim": tosim,
       "icarus": {"vectors": icarus_vectors, "seconds": icarus_s, "gate_vector_evaluations_per_second": icarus},
       "verilator": {"vectors": verilator_vectors, "seconds": verilator_s, "build_seconds": build_s,
                     "gate_vector_evaluations_per_second": verilator},
       "ratio_tosim_zero_delay_to_icarus": zero / icarus, "ratio_tosim_zero_delay_to_verilator": zero / verilator}
json.dump(out, open("results.json", "w"), indent=2, sort_keys=True)
print("tosim zero-delay / icarus = %.0fx, / verilator = %.1fx" % (zero / icarus, zero / verilator))
PY
