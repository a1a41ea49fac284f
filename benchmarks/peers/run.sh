#!/usr/bin/env bash
# run.sh: the peer comparison of `tosim count` (docs/peers.md). Installs torch,
# torchvision, onnx, onnxscript and fvcore (and onnx-tool, ptflops, thop where
# they install) into a virtual environment, exports the 17 models with random
# weights into an ignored work folder, builds tosim in release mode and runs
# compare.py, which counts, times and writes docs/peers.md.
# Usage: benchmarks/peers/run.sh [WORK_DIR]   (default: $TMPDIR/tosim-peers; exports are reused when present)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=${1:-${TMPDIR:-/tmp}/tosim-peers}
mkdir -p "$work/onnx"
[ -x "$work/venv/bin/python" ] || python3 -m venv "$work/venv"
pip="$work/venv/bin/pip"
# The CPU-only wheel is much smaller; PyPI's default wheel works too.
"$pip" install -q torch --index-url https://download.pytorch.org/whl/cpu 2>/dev/null || "$pip" install -q torch
"$pip" install -q torchvision onnx onnxscript fvcore
for peer in onnx-tool ptflops thop; do
  "$pip" install -q "$peer" || echo "warning: $peer did not install; its column stays empty" >&2
done
[ -f "$work/onnx/models.json" ] || "$work/venv/bin/python" "$root/benchmarks/peers/export_models.py" "$work/onnx"
(cd "$root" && swift build -c release --product tosim)
"$work/venv/bin/python" "$root/benchmarks/peers/compare.py" "$work/onnx" "$root/.build/release/tosim" "$root/docs/peers.md"
echo "wrote $root/docs/peers.md"
