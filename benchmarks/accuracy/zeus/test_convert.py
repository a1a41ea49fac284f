"""Self-test of convert.py on a small synthetic trace (made-up configurations and round numbers, none of them a
measured row; no real data needed): energy = time x power, steps =
ceil(samples / batch), one row per trace row, DeepSpeech2 at fp16 where tensor cores run it, the highest-limit subsets, the optimizer mapping, and exit 65
naming the line for an unknown workload or a header without a column convert.py reads.

Run: python -m pytest benchmarks/accuracy/zeus
"""

import csv
import math
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from convert import TRACE_COLUMNS  # noqa: E402

def row(dataset, network, batch, optimizer, limit, time, power):
    """A made-up trace row, by column name."""
    return {"average_power": power, "batch_size": batch, "dataset": dataset, "network": network,
            "optimizer": optimizer, "power_limit": limit, "time_per_epoch": time}


# Made-up rows; the file lists the columns in reverse name order, since convert.py reads them by name.
ROWS = [
    row("imagenet", "resnet50", "300", "adadelta", "333", "1000.0", "100.0"),
    row("imagenet", "resnet50", "300", "adadelta", "111", "2000.0", "50.0"),
    row("movielens-1m", "ncf", "999", "adam", "111", "10.0", "30.0"),
    row("librispeech", "deepspeech2", "77", "adamw", "111", "10.0", "30.0"),
]


def write_traces(folder, extra=(), columns=TRACE_COLUMNS):
    order = sorted(columns, reverse=True)
    for gpu in ("v100", "a40", "p100", "rtx6000"):
        with open(os.path.join(folder, f"summary_power_{gpu}.csv"), "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(order)
            for values in ROWS + list(extra):
                w.writerow([values[c] for c in order])


def run(data, out):
    return subprocess.run([sys.executable, os.path.join(HERE, "convert.py"), str(data), str(out)],
                          capture_output=True, text=True)


def test_rows_energy_steps(tmp_path):
    data, out = tmp_path / "data", tmp_path / "out"
    data.mkdir()
    write_traces(data)
    result = run(data, out)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(open(out / "zeus_v100.csv")))
    assert len(rows) == 4
    first = rows[0]
    assert first["model"] == "zeus/models/resnet50.onnx"
    assert math.isclose(float(first["energy_j"]), 1000.0 * 100.0)
    assert int(first["steps"]) == math.ceil(1281167 / 300) == 4271
    assert first["optimizer"] == "adadelta" and first["trace_optimizer"] == "adadelta"
    assert first["power_limit_w"] == "333" and first["mode"] == "training" and first["precision"] == "fp32"
    assert int(rows[2]["steps"]) == 1002  # ceil(1,000,209 / 999)
    top = list(csv.DictReader(open(out / "zeus_v100_top.csv")))
    assert [r["power_limit_w"] for r in top] == ["333"]
    assert len(list(csv.DictReader(open(out / "zeus_all.csv")))) == 16
    assert len(list(csv.DictReader(open(out / "zeus_all_top.csv")))) == 4


def test_mixed_precision_where_tensor_cores_run_it(tmp_path):
    data, out = tmp_path / "data", tmp_path / "out"
    data.mkdir()
    write_traces(data)
    assert run(data, out).returncode == 0
    for gpu, expected in (("v100", "fp16"), ("a40", "fp16"), ("rtx6000", "fp16"), ("p100", "fp32")):
        rows = list(csv.DictReader(open(out / f"zeus_{gpu}.csv")))
        assert [r["precision"] for r in rows if "deepspeech2" in r["model"]] == [expected]
        assert {r["precision"] for r in rows if "deepspeech2" not in r["model"]} == {"fp32"}


def test_unknown_workload_exits_65(tmp_path):
    data, out = tmp_path / "data", tmp_path / "out"
    data.mkdir()
    write_traces(data, extra=[row("mnist", "lenet", "64", "sgd", "111", "1.0", "50.0")])
    result = run(data, out)
    assert result.returncode == 65
    assert "summary_power_v100.csv:6" in result.stderr and "unknown workload" in result.stderr


def test_missing_column_exits_65(tmp_path):
    data, out = tmp_path / "data", tmp_path / "out"
    data.mkdir()
    write_traces(data, columns=[c for c in TRACE_COLUMNS if c != "power_limit"])
    result = run(data, out)
    assert result.returncode == 65
    assert "summary_power_v100.csv:1" in result.stderr and "power_limit" in result.stderr
