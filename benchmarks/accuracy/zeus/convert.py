#!/usr/bin/env python3
"""Convert the Zeus (NSDI 2023) power traces into tosim measurement CSVs.

Usage: convert.py DATA_DIR OUT_DIR [--models DIR] [--check TOSIM]

DATA_DIR holds summary_power_{v100,a40,p100,rtx6000}.csv (ml-energy/zeus, examples/research_reproducibility/zeus_nsdi23/trace). OUT_DIR gets
  zeus_<gpu>.csv       every row of one GPU
  zeus_<gpu>_top.csv   the rows of that GPU at its highest power limit
  zeus_all.csv         every row of the four GPUs (hardware = the GPU)
  zeus_all_top.csv     the rows of each GPU at its highest power limit
Models are the ONNX files of export_models.py, referenced relative to OUT_DIR (--models, default
OUT_DIR/zeus/models). One output row per trace row (GPU x workload x batch x power limit; a configuration
measured twice in the trace stays two rows):
  energy_j = time_per_epoch x average_power (J, GPU only), time_s = time_per_epoch,
  steps = ceil(samples per epoch / batch) (PyTorch DataLoader, drop_last=False),
  power_limit_w = power_limit, mode = training, precision = fp32, except DeepSpeech2 (trained in
  16-bit mixed precision) at fp16 on the GPUs with fp16 tensor cores (V100, A40, RTX 6000); on the P100,
  which runs fp16 as pairs on its fp32 units, it stays fp32.
Optimizers: each row counts with the trace's own optimizer (adam, adamw, adadelta). With --check every
(model, optimizer) is counted once with TOSIM (exit 65 naming the model when it does not count). Extra columns (workload, trace_optimizer,
average_power_w) are kept for the report; `tosim fit` ignores them. Assumptions and sources: docs/accuracy.md, zeus-nsdi23.
"""
import csv
import math
import os
import subprocess
import sys

GPUS = ["v100", "a40", "p100", "rtx6000"]
# (dataset, network) -> (model file, samples per epoch)
WORKLOADS = {
    ("imagenet", "resnet50"): ("resnet50.onnx", 1281167),
    ("cifar100", "shufflenetv2"): ("shufflenetv2.onnx", 50000),
    ("squad", "bert_base_uncased"): ("bert_squad.onnx", 87599),
    ("sentiment140", "bert_base_uncased"): ("bert_sentiment.onnx", 1600000),
    ("librispeech", "deepspeech2"): ("deepspeech2.onnx", 281241),
    ("movielens-1m", "ncf"): ("ncf.onnx", 1000209),
}
# Workloads trained in 16-bit mixed precision (deepspeech.pytorch's LibriSpeech config sets precision 16),
# and the GPUs whose tensor cores multiply fp16 on fp16-wide units. Elsewhere every run counts at fp32.
MIXED_PRECISION = {("librispeech", "deepspeech2")}
TENSOR_CORE_GPUS = {"v100", "a40", "rtx6000"}
OPTIMIZERS = {"adam": "adam", "adamw": "adamw", "adadelta": "adadelta"}
# The trace's columns convert.py reads, by name, in name order (the file may list them in any order and
# have others, which are ignored).
TRACE_COLUMNS = ["average_power", "batch_size", "dataset", "network", "optimizer", "power_limit", "time_per_epoch"]
COLUMNS = ["model", "batch", "precision", "mode", "hardware", "energy_j", "time_s", "steps", "optimizer",
           "power_limit_w", "workload", "trace_optimizer", "average_power_w"]


def fail(message):
    print(f"convert.py: {message}", file=sys.stderr)
    sys.exit(65)


def read_trace(path, gpu, models_rel):
    rows = []
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        missing = [c for c in TRACE_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            fail(f"{path}:1: the header lacks the column(s) {', '.join(missing)}")
        for line, r in enumerate(reader, start=2):
            key = (r["dataset"], r["network"])
            if key not in WORKLOADS:
                fail(f"{path}:{line}: unknown workload {key}")
            if r["optimizer"] not in OPTIMIZERS:
                fail(f"{path}:{line}: unknown optimizer {r['optimizer']}")
            model, samples = WORKLOADS[key]
            batch, limit = int(r["batch_size"]), float(r["power_limit"])
            t, p = float(r["time_per_epoch"]), float(r["average_power"])
            if batch < 1 or not (t > 0 and p > 0 and limit > 0):
                fail(f"{path}:{line}: expected a positive batch, time, power and power limit")
            precision = "fp16" if key in MIXED_PRECISION and gpu in TENSOR_CORE_GPUS else "fp32"
            rows.append({
                "model": f"{models_rel}/{model}", "batch": batch, "precision": precision, "mode": "training",
                "hardware": gpu, "energy_j": repr(t * p), "time_s": repr(t), "steps": math.ceil(samples / batch),
                "optimizer": OPTIMIZERS[r["optimizer"]], "power_limit_w": f"{limit:g}",
                "workload": f"{r['dataset']}/{r['network']}", "trace_optimizer": r["optimizer"], "average_power_w": repr(p)})
    return rows


def write(path, rows):
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def check(tosim, out_dir, rows):
    for model, optimizer, precision in sorted({(r["model"], r["optimizer"], r["precision"]) for r in rows}):
        path = os.path.join(out_dir, model)
        result = subprocess.run([tosim, "count", path, "--training", "--optimizer", optimizer, "--precision", precision, "--json"],
                                capture_output=True, text=True)
        if result.returncode != 0:
            fail(f"model {model} does not count: {result.stderr.strip()}")


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    data, out_dir = argv[0], argv[1]
    models = argv[argv.index("--models") + 1] if "--models" in argv else os.path.join(out_dir, "zeus", "models")
    models_rel = os.path.relpath(models, out_dir)
    os.makedirs(out_dir, exist_ok=True)
    everything, tops = [], []
    for gpu in GPUS:
        path = os.path.join(data, f"summary_power_{gpu}.csv")
        if not os.path.exists(path):
            fail(f"missing {path}")
        rows = read_trace(path, gpu, models_rel)
        top = max(float(r["power_limit_w"]) for r in rows)
        write(os.path.join(out_dir, f"zeus_{gpu}.csv"), rows)
        write(os.path.join(out_dir, f"zeus_{gpu}_top.csv"), [r for r in rows if float(r["power_limit_w"]) == top])
        everything += rows
        tops += [r for r in rows if float(r["power_limit_w"]) == top]
        print(f"{gpu}: {len(rows)} rows, highest power limit {top:g} W", file=sys.stderr)
    if "--check" in argv:
        check(argv[argv.index("--check") + 1], out_dir, everything)
    write(os.path.join(out_dir, "zeus_all.csv"), everything)
    write(os.path.join(out_dir, "zeus_all_top.csv"), tops)


if __name__ == "__main__":
    main(sys.argv[1:])
