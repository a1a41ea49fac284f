#!/usr/bin/env python3
# compare.py: counts every export listed in ONNX_DIR/models.json with
# `tosim count --json` (release binary), times it, and compares its MACs with
# fvcore, onnx-tool, ptflops and thop (those that import) and with hand counts
# for attention and recurrent layers; writes the Markdown report (docs/peers.md).
# Usage: compare.py ONNX_DIR TOSIM_BINARY OUT.md   (run by run.sh)
import importlib
import importlib.metadata
import json
import os
import platform
import subprocess
import sys
import time
import warnings

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import export_models  # noqa: E402  (the same model builders and input shapes)

warnings.filterwarnings("ignore")
PRODUCT_OPS = {"conv", "linear", "matmul", "bmm", "einsum", "addmm", "baddbmm", "_convolution"}


def optional(name):
    try:
        return importlib.import_module(name)
    except Exception:
        return None


fvcore_nn = optional("fvcore.nn")
onnx_tool = optional("onnx_tool")
ptflops = optional("ptflops")
thop = optional("thop")


def timed(function):
    start = time.perf_counter()
    try:
        value = function()
    except Exception as error:  # a peer that fails on a model gets its error in the table, not a crash
        value = f"error: {type(error).__name__}"
    return value, time.perf_counter() - start


def tosim(binary, path, repeats=5):
    best, result = None, None
    for _ in range(repeats):
        start = time.perf_counter()
        run = subprocess.run([binary, "count", path, "--json"], capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
        result = run
    if result.returncode != 0:
        return {"error": result.stderr.strip().splitlines()[-1] if result.stderr.strip() else f"exit {result.returncode}", "seconds": best}
    report = json.loads(result.stdout)
    rss = subprocess.run(["/usr/bin/time", "-f", "%M", binary, "count", path, "--json"], capture_output=True, text=True)
    peak_kb = int(rss.stderr.strip().splitlines()[-1]) if rss.returncode == 0 else None
    unknown = sum(1 for s in report["skipped"])
    return {"macs": report["total"]["macs"], "params": report["params"], "layers": len(report["layers"]),
            "skipped": unknown, "seconds": best, "peak_kb": peak_kb}


def hand_attention(name, shape):
    """MACs of the attention score and context products that fvcore leaves out (scaled_dot_product_attention)."""
    if name == "vit_b_16":
        return 12 * 2 * 197 * 197 * 768
    if name == "bert_encoder":
        return 4 * 2 * 128 * 128 * 256
    return 0


def hand_recurrent(name):
    """MACs of the 2-layer recurrent models: gates × hidden × (input + hidden) per step and layer, plus the head."""
    gates = {"lstm": 4, "gru": 3}.get(name)
    if gates is None:
        return None
    h, steps = 128, 32
    return gates * h * (64 + h) * steps + gates * h * (h + h) * steps + 128 * 10


def fvcore_count(model, x):
    analysis = fvcore_nn.FlopCountAnalysis(model, (x,))
    analysis.unsupported_ops_warnings(False)
    analysis.uncalled_modules_warnings(False)
    by_op = analysis.by_operator()
    return {"total": int(analysis.total()), "products": int(sum(v for k, v in by_op.items() if k in PRODUCT_OPS))}


def onnx_tool_count(path):
    model = onnx_tool.Model(path, {"verbose": False})
    graph = model.graph
    graph.graph_reorder_nodes()
    graph.shape_infer(None)
    graph.profile()
    products = sum(node.macs[0] for node in graph.nodemap.values()
                   if node.op_type in {"Conv", "ConvTranspose", "Gemm", "MatMul", "LSTM", "GRU", "Einsum"})
    return {"total": int(round(graph.macs[0])), "products": int(round(products)), "params": int(graph.params)}


def ptflops_count(build, shape):
    macs, params = ptflops.get_model_complexity_info(build().eval(), tuple(shape[1:]), as_strings=False,
                                                     print_per_layer_stat=False, verbose=False)
    return int(macs)


def thop_count(build, x):
    macs, params = thop.profile(build().eval(), inputs=(x,), verbose=False)
    return int(macs)


def fmt(value):
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    return f"{value:,}"


def seconds(value):
    return "–" if value is None else (f"{value * 1000:.0f} ms" if value < 10 else f"{value:.1f} s")


def version(distribution):
    try:
        return importlib.metadata.version(distribution)
    except Exception:
        return None


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except Exception:
        pass
    return f"{cpu}, {os.cpu_count()} logical CPUs visible, Linux {platform.release()}, Python {platform.python_version()}"


NOTES = """## What each tool counts

- **tosim** (`tosim count FILE`, the raw ONNX file): MACs of Conv, ConvTranspose, Gemm, MatMul,
  Einsum and RNN/LSTM/GRU gate products only (output elements × reduction length, no bias term);
  everything else is reported as named ops, FLOPs and bytes, not as MACs
  (docs/network-counter.md, §Counting rules). Shape computations are folded and left out.
- **fvcore** (`FlopCountAnalysis`, JIT trace of the PyTorch model): one "flop" per MAC of conv,
  linear, matmul, bmm, einsum, addmm, plus batch norm, upsampling and adaptive pooling in its total;
  it has no handler for `aten::lstm`, `aten::gru` or `scaled_dot_product_attention`, so it misses the
  recurrent products (1,280 = only the head) and the attention score/context products of vit_b_16
  and the BERT-style encoder. Its Conv/Linear/MatMul part is the reference above.
- **onnx-tool** (`Model`, `shape_infer`, `profile` on the legacy ONNX file): Forward_MACs of every
  node, with bias adds as MACs and weighted elementwise ops (exp, sigmoid, … count several MACs), so
  its totals are above the product MACs; its Conv/Gemm/MatMul/LSTM/GRU column still includes the bias
  term and, for LSTM/GRU, the gate arithmetic.
- **ptflops** (module hooks, `get_model_complexity_info`): "MACs" of modules, including bias, batch
  norm, activations and pooling, with a MultiheadAttention handler; functional calls outside modules
  (swin_t's `F.linear` projections and attention matmuls in `shifted_window_attention`) are not
  seen, so swin_t is low.
- **thop** (module hooks, `profile`): like ptflops, without a MultiheadAttention handler: vit_b_16
  and the encoder lose their attention projections and products, swin_t its functional calls.

## Targets

- All 17 raw exports, from both exporters, count with 0 unknown operators and MACs equal to the
  reference (column "= ?").
- A 500 MB ONNX file: vgg11 (531 MB of fp32 weights) counts in the times shown above, well under
  100 ms and 50 MB peak memory: tosim memory-maps the file and never reads tensor payloads.

## Parameters

tosim's parameter column (not compared here) counts, per node, the floating-point initializers
the node reads. Exports that slice or concatenate a weight in the graph (the torch.export LSTM/GRU
gate reordering) or share one initializer between nodes are counted once per reading node, so
their totals exceed the model's parameter count; onnx-tool counts each initializer once."""


def main(onnx_dir, binary, out):
    listing = json.load(open(f"{onnx_dir}/models.json"))
    builders = {name: (build, shape) for name, build, shape in export_models.models()}
    rows, big = [], []
    for entry in listing:
        name = entry["name"]
        build, shape = builders[name]
        torch.manual_seed(0)
        model = build().eval()
        x = torch.randn(*shape)
        counts = {}
        for kind in ("legacy", "dynamo"):
            path = entry.get(kind)
            counts[kind] = tosim(binary, path) if path else {"error": entry.get(kind + "_error", "not exported")}
            if path:
                size = os.path.getsize(path) + (os.path.getsize(path + ".data") if os.path.exists(path + ".data") else 0)
                counts[kind]["megabytes"] = size / 1e6
        fv, fv_s = timed(lambda: fvcore_count(model, x)) if fvcore_nn else (None, None)
        source = entry.get("legacy") or entry.get("dynamo")
        ot, ot_s = timed(lambda: onnx_tool_count(source)) if onnx_tool and source else (None, None)
        pt, pt_s = timed(lambda: ptflops_count(build, shape)) if ptflops else (None, None)
        th, th_s = timed(lambda: thop_count(build, x)) if thop else (None, None)
        recurrent = hand_recurrent(name)
        if recurrent is not None:
            reference, how = recurrent, "hand count"
        elif isinstance(fv, dict):
            extra = hand_attention(name, shape)
            reference, how = fv["products"] + extra, "fvcore" + (" + attention by hand" if extra else "")
        else:
            reference, how = None, "–"
        rows.append(dict(name=name, counts=counts, fv=fv, fv_s=fv_s, ot=ot, ot_s=ot_s, pt=pt, pt_s=pt_s, th=th, th_s=th_s,
                         reference=reference, how=how))
        print(name, {k: v.get("macs", v.get("error")) for k, v in counts.items()}, reference, flush=True)

    lines = ["# tosim count next to fvcore, onnx-tool, ptflops and thop", "",
             "Written by `benchmarks/peers/run.sh` (export_models.py exports, compare.py counts and writes this file).",
             f"Machine: {machine()}; shared with other jobs while it ran, so wall times are upper bounds.",
             f"Versions: torch {torch.__version__}" + "".join(
                 f", {m} {version(m)}" for m in ("torchvision", "onnx", "onnx-tool", "fvcore", "ptflops", "thop") if version(m)) + ".", "",
             "All 17 models are exported with random weights (no downloads) at batch 1 by the legacy TorchScript exporter",
             "(`dynamo=False`, opset 17) and the torch.export-based exporter (`dynamo=True`, opset 18), and counted",
             "**raw**: no onnx-simplifier, no onnxruntime shape inference. tosim folds the shape computations itself.", "",
             "## MACs", "",
             "The reference is fvcore's Conv/Linear/MatMul/Einsum total (its `by_operator()` over conv, linear, matmul,",
             "bmm, einsum, addmm), plus, where fvcore cannot see them, attention score and context products",
             "(`scaled_dot_product_attention`: layers × 2 × sequence² × width) and, for the recurrent models, the",
             "hand count gates × hidden × (input + hidden) per step and layer plus the head.", "",
             "| model | tosim legacy | tosim dynamo | reference | = ? | fvcore total | onnx-tool total (legacy) | onnx-tool Conv/Gemm/MatMul/RNN | ptflops | thop |",
             "|---|---:|---:|---:|:-:|---:|---:|---:|---:|---:|"]
    for r in rows:
        macs = [r["counts"][k].get("macs", r["counts"][k].get("error")) for k in ("legacy", "dynamo")]
        ok = all(m == r["reference"] for m in macs if not isinstance(m, str)) and not all(isinstance(m, str) for m in macs)
        fv = r["fv"]
        lines.append(f"| {r['name']} | {fmt(macs[0])} | {fmt(macs[1])} | {fmt(r['reference'])} ({r['how']}) | {'yes' if ok else 'NO'} | "
                     f"{fmt(fv['total'] if isinstance(fv, dict) else fv)} | {fmt(r['ot']['total'] if isinstance(r['ot'], dict) else r['ot'])} | "
                     f"{fmt(r['ot']['products'] if isinstance(r['ot'], dict) else r['ot'])} | {fmt(r['pt'])} | {fmt(r['th'])} |")
    lines += ["", "## Wall time and memory", "",
              "tosim: best of 5 runs of `tosim count FILE --json` (release build, the whole process); peak resident",
              "memory from `/usr/bin/time -f %M`. Peers: one in-process call each (onnx-tool: load, shape_infer, profile",
              "of the legacy file; fvcore, ptflops and thop trace the PyTorch model instead of reading the file).", "",
              "| model | file MB (legacy) | tosim legacy | tosim peak MB | file MB (dynamo) | tosim dynamo | nodes counted (legacy) | onnx-tool | fvcore | ptflops | thop |",
              "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        lg, dy = r["counts"]["legacy"], r["counts"]["dynamo"]
        peak = lg.get("peak_kb") or dy.get("peak_kb")
        lines.append(f"| {r['name']} | {lg.get('megabytes', 0):.1f} | {seconds(lg.get('seconds'))} | {fmt(round(peak / 1024, 1)) if peak else '–'} | "
                     f"{dy.get('megabytes', 0):.1f} | {seconds(dy.get('seconds'))} | {fmt(lg.get('layers'))} | {seconds(r['ot_s'])} | "
                     f"{seconds(r['fv_s'])} | {seconds(r['pt_s'])} | {seconds(r['th_s'])} |")
    skipped = sum(r["counts"][k].get("skipped", 0) for r in rows for k in ("legacy", "dynamo"))
    failed = [(r["name"], k, r["counts"][k]["error"]) for r in rows for k in ("legacy", "dynamo") if "error" in r["counts"][k]]
    lines += ["", f"Unknown operators met by tosim over all exports: {skipped}. Exports tosim could not count: "
              + ("none." if not failed else "; ".join(f"{n} ({k}): {e}" for n, k, e in failed))]
    lines += ["", *NOTES]
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")
    json.dump(rows, open(f"{onnx_dir}/results.json", "w"), indent=1, default=str)


if __name__ == "__main__":
    main(*sys.argv[1:4])
