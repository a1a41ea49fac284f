#!/usr/bin/env bash
# benchmarks/accuracy/run.sh — the accuracy report of the energy model.
#
# Builds tosim (release), converts local copies of the public measurements (willowec/characterizing-
# pytorch-power, cengizmehmet/PowerEstimationNetworks, ml-energy/zeus; one folder each under
# $TOSIM_ENERGY_DATA, default ../shared/data/energy beside the checkout) into measurement CSVs in
# benchmarks/accuracy/out/ (ignored, never committed),
# runs `tosim fit` per data set and mode with every predictor and form, and writes docs/accuracy.md
# and the plots under benchmarks/accuracy/out/plots/ (ignored: they show every measured point of
# data the project does not ship). Skips cleanly (exit 0) when the data is not there.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
data="${TOSIM_ENERGY_DATA:-$root/../shared/data/energy}"
out="$root/benchmarks/accuracy/out"
if [ ! -d "$data/willowec-raptorlake" ] && [ ! -d "$data/cengiz-pen" ] && [ ! -d "$data/zeus-nsdi23" ]; then
  echo "run.sh: no measurement data at $data (set TOSIM_ENERGY_DATA); skipping the accuracy report."
  exit 0
fi
cd "$root"
swift build -c release --product tosim >&2
tosim="$root/.build/release/tosim"
mkdir -p "$out/plots"
rm -f "$out/timings.txt"
sets=()
if [ -d "$data/willowec-raptorlake" ]; then
  python3 benchmarks/accuracy/convert_raptorlake.py "$data/willowec-raptorlake" "$out"
  sets+=(raptorlake_linear_forward raptorlake_conv_forward raptorlake_linear_backward raptorlake_conv_backward raptorlake_all)
fi
if [ -d "$data/cengiz-pen" ]; then
  python3 benchmarks/accuracy/convert_cengiz.py "$data/cengiz-pen" "$out" --check "$tosim"
  sets+=(cengiz_training)
fi
for s in "${sets[@]}"; do
  start=$(date +%s.%N)
  "$tosim" fit "$out/$s.csv" --folds 5 --seed 1 --json --quiet --svg "$out/plots/$s.svg" --out "$out/$s.profile.json" > "$out/$s.json"
  end=$(date +%s.%N)
  echo "$s $(echo "$end - $start" | bc)" >> "$out/timings.txt"
  # Ablation of the physical terms for the TO and MAC predictors.
  for f in "bytes,calls,intercept" "time,intercept" "bytes,calls,time,intercept"; do
    "$tosim" fit "$out/$s.csv" --folds 5 --seed 1 --json --quiet --form physical --features "$f" --time-exponent 1 > "$out/$s.ablation-${f//,/-}.json"
  done
done
python3 benchmarks/accuracy/report.py "$out" "${sets[@]}" > docs/accuracy.md
# GPU training (zeus-nsdi23): its own section, appended (benchmarks/accuracy/zeus/run.sh).
if [ -d "$data/zeus-nsdi23" ]; then
  TOSIM_ENERGY_DATA="$data" bash benchmarks/accuracy/zeus/run.sh "$tosim" "$out" >> docs/accuracy.md
fi
echo "wrote docs/accuracy.md and $out/plots/*.svg" >&2
