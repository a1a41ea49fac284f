#!/usr/bin/env bash
# benchmarks/accuracy/zeus/run.sh TOSIM OUT_DIR — the zeus-nsdi23 section of docs/accuracy.md.
#
# Called by benchmarks/accuracy/run.sh when $TOSIM_ENERGY_DATA/zeus-nsdi23 (a copy of the
# ml-energy/zeus NSDI 2023 power traces) exists; prints the section on standard output and writes the
# per-GPU plots OUT_DIR/plots/zeus_<gpu>.svg (ignored, not committed). Exports the six workloads once (export_models.py, with
# $TOSIM_TORCH_PYTHON, default python3, which needs torch, torchvision and onnx) into OUT_DIR/zeus/models,
# converts the traces (convert.py) and runs `tosim fit` per GPU: rows at the highest power limit
# (5-fold CV and leave-one-model-out, and the profile make_profiles.py turns into the built-in GPU
# profiles) and all rows (power-cap model). Skips cleanly when torch is missing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
tosim="$1"
out="$2"
data="${TOSIM_ENERGY_DATA:-$root/../shared/data/energy}/zeus-nsdi23"
python="${TOSIM_TORCH_PYTHON:-python3}"
models="$out/zeus/models"
if [ ! -d "$data" ]; then
  echo "zeus/run.sh: no data at $data; skipping." >&2
  exit 0
fi
need=(resnet50 shufflenetv2 bert_squad bert_sentiment deepspeech2 ncf)
missing=()
for m in "${need[@]}"; do [ -f "$models/$m.onnx" ] || missing+=("$m"); done
if [ ${#missing[@]} -gt 0 ]; then
  if ! "$python" -c "import torch, torchvision, onnx" 2>/dev/null; then
    echo "zeus/run.sh: $python lacks torch/torchvision/onnx (set TOSIM_TORCH_PYTHON); skipping zeus-nsdi23." >&2
    exit 0
  fi
  "$python" "$here/export_models.py" "$models" --only "${missing[@]}" >&2
fi
python3 "$here/convert.py" "$data" "$out" --check "$tosim" >&2
for gpu in v100 a40 p100 rtx6000; do
  "$tosim" fit "$out/zeus_${gpu}_top.csv" --folds 5 --seed 1 --leave-out model --json --quiet \
    --out "$out/zeus_${gpu}_top.profile.json" > "$out/zeus_${gpu}_top.json"
  "$tosim" fit "$out/zeus_${gpu}.csv" --folds 5 --seed 1 --form physical --json --quiet > "$out/zeus_${gpu}.json"
done
"$tosim" fit "$out/zeus_all_top.csv" --folds 5 --seed 1 --form physical --leave-out hardware --json --quiet > "$out/zeus_logo.json"
python3 "$here/report.py" "$out" "$out/plots"
