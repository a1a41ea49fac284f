"""Self-test of sweep.py: grid coverage, layer specs, MAC counts, the RAPL
wrap-around arithmetic, the refusal to write unmeasured energy, and a
`--dry-run --quick` run.  No GPU or energy counter is needed (a fake counter
stands in where the sweep's bookkeeping is tested; its rows only ever go to
pytest's tmp_path).

Run: python -m pytest benchmarks/energy
"""

import csv
import math
import os
import subprocess
import sys

import pytest

torch = pytest.importorskip("torch")

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sweep  # noqa: E402


# --- grid ------------------------------------------------------------------


def test_grid_size_and_coverage():
    grid = sweep.build_grid()
    assert len(grid) >= 150
    assert len({c.id for c in grid}) == len(grid), "config ids are unique"
    assert {c.model.activation for c in grid} == set(sweep.ACTIVATIONS)
    assert {c.mode for c in grid} == {"forward", "training"}
    assert {c.model.kind for c in grid} == {"mlp", "lenet", "vgg"}
    assert {c.optimizer for c in grid if c.mode == "training"} == {"sgd", "adam"}
    assert {c.precision for c in grid} == {"fp32", "fp16", "bf16"}
    assert {c.model.pool for c in grid if c.model.kind != "mlp"} == {"max", "avg"}
    batches = {c.batch for c in grid}
    assert min(batches) == 1 and max(batches) == 1024
    macs = {describe_macs(spec) for spec in {c.model for c in grid}}
    assert math.log10(max(macs) / min(macs)) >= 3
    # every activation appears in both modes
    for act in sweep.ACTIVATIONS:
        assert {c.mode for c in grid if c.model.activation == act} == \
            {"forward", "training"}


def test_grid_ranges():
    specs = {c.model for c in sweep.build_grid()}
    mlp = [s for s in specs if s.kind == "mlp"]
    assert min(s.depth for s in mlp) == 1 and max(s.depth for s in mlp) == 8
    assert min(s.width for s in mlp) == 32 and max(s.width for s in mlp) == 4096
    vgg = [s for s in specs if s.kind == "vgg"]
    assert min(s.depth for s in vgg) == 1 and max(s.depth for s in vgg) == 6
    channels = set()
    for s in specs:
        if s.kind != "mlp":
            for m in s.build():
                if isinstance(m, torch.nn.Conv2d):
                    channels.add(m.out_channels)
    assert min(channels) <= 8 and max(channels) == 256


def test_quick_subset():
    quick = sweep.quick_grid()
    assert 10 <= len(quick) <= 20
    assert {c.model.activation for c in quick} == set(sweep.ACTIVATIONS)
    assert {c.mode for c in quick} == {"forward", "training"}


def test_shuffle_and_filter_are_deterministic():
    prec = {"fp32", "fp16", "bf16"}
    a = sweep.select_configs(False, 7, None, prec)
    b = sweep.select_configs(False, 7, None, prec)
    assert [c.id for c in a] == [c.id for c in b]
    only = sweep.select_configs(False, 7, "lenet", {"fp32"})
    assert only and all("lenet" in c.id and c.precision == "fp32" for c in only)


def describe_macs(spec):
    return sweep.describe(spec.build(), spec.input_shape)[1]


# --- layer specs and MACs ----------------------------------------------------


def test_layer_spec_mlp():
    spec = sweep.ModelSpec("mlp", "gelu", depth=2, width=512)
    text, _ = sweep.describe(spec.build(), spec.input_shape)
    assert text == "dense(784,512) gelu dense(512,512) gelu dense(512,10)"


def test_layer_spec_lenet():
    spec = sweep.ModelSpec("lenet", "tanh", channels=(6, 16), pool="avg")
    text, _ = sweep.describe(spec.build(), spec.input_shape)
    assert text == (
        "conv2d(c_in=1,c_out=6,k=5,stride=1,pad=2,dilation=1,groups=1,in=28x28) "
        "tanh avgpool(k=2,stride=2) "
        "conv2d(c_in=6,c_out=16,k=5,stride=1,pad=0,dilation=1,groups=1,in=14x14) "
        "tanh avgpool(k=2,stride=2) flatten "
        "dense(400,120) tanh dense(120,84) tanh dense(84,10)")


def test_layer_spec_vgg():
    spec = sweep.ModelSpec("vgg", "relu", depth=3, width=64, pool="max")
    text, _ = sweep.describe(spec.build(), spec.input_shape)
    assert text == (
        "conv2d(c_in=3,c_out=64,k=3,stride=1,pad=1,dilation=1,groups=1,in=32x32) "
        "relu "
        "conv2d(c_in=64,c_out=64,k=3,stride=1,pad=1,dilation=1,groups=1,in=32x32) "
        "relu maxpool(k=2,stride=2) "
        "conv2d(c_in=64,c_out=128,k=3,stride=1,pad=1,dilation=1,groups=1,in=16x16) "
        "relu maxpool(k=2,stride=2) flatten dense(8192,10)")


def test_macs_lenet5_by_hand():
    # conv1 1*6*5*5*28*28 + conv2 6*16*5*5*10*10 + 400*120 + 120*84 + 84*10
    expected = 117600 + 240000 + 48000 + 10080 + 840
    assert expected == 416520
    spec = sweep.ModelSpec("lenet", "relu", channels=(6, 16), pool="max")
    assert describe_macs(spec) == expected


def test_macs_mlp_784_512_256_10():
    model = torch.nn.Sequential(torch.nn.Linear(784, 512), torch.nn.ReLU(),
                                torch.nn.Linear(512, 256), torch.nn.ReLU(),
                                torch.nn.Linear(256, 10))
    _, macs = sweep.describe(model, (784,))
    assert macs == 784 * 512 + 512 * 256 + 256 * 10 == 535040


def test_shapes_match_torch():
    """The shape walk behind the MAC count agrees with a real forward pass."""
    for spec in {c.model for c in sweep.quick_grid()}:
        model = spec.build()
        out = model(torch.zeros(2, *spec.input_shape))
        assert out.shape == (2, sweep.NUM_CLASSES)
        sweep.describe(model, spec.input_shape)  # raises on shape mismatch


# --- RAPL ------------------------------------------------------------------


def fake_powercap(root, packages):
    """packages: list of (energy_uj, max_energy_range_uj)."""
    for i, (energy, max_range) in enumerate(packages):
        d = root / f"intel-rapl:{i}"
        d.mkdir()
        (d / "name").write_text(f"package-{i}\n")
        (d / "energy_uj").write_text(f"{energy}\n")
        (d / "max_energy_range_uj").write_text(f"{max_range}\n")
        sub = root / f"intel-rapl:{i}:0"  # a core sub-domain: must be ignored
        sub.mkdir()
        (sub / "energy_uj").write_text("999999999\n")
        (sub / "max_energy_range_uj").write_text("1000000000\n")


def test_rapl_delta_arithmetic():
    assert sweep.rapl_delta_uj(100, 350, 1000) == 250
    assert sweep.rapl_delta_uj(900, 50, 1000) == 150  # wrapped once


def test_rapl_meter_wraps(tmp_path):
    max_range = 262_143_328_850
    fake_powercap(tmp_path, [(max_range - 1_000_000, max_range),
                             (5_000_000, max_range)])
    meter = sweep.RaplMeter(str(tmp_path))
    assert len(meter.dirs) == 2
    meter.start()
    (tmp_path / "intel-rapl:0" / "energy_uj").write_text("2000000\n")  # wrapped
    (tmp_path / "intel-rapl:1" / "energy_uj").write_text("8000000\n")
    joules = meter.stop()
    assert joules == pytest.approx((1_000_000 + 2_000_000 + 3_000_000) / 1e6)


def test_rapl_meter_rejects_possible_double_wrap(tmp_path, monkeypatch):
    fake_powercap(tmp_path, [(0, 4_000_000)])  # a 4 J counter
    meter = sweep.RaplMeter(str(tmp_path))
    assert meter.safe_gap_s == pytest.approx(4.0 / sweep.RAPL_MAX_W)
    meter.start()
    meter._last_t -= 1.0  # pretend a whole second passed between reads
    (tmp_path / "intel-rapl:0" / "energy_uj").write_text("10\n")
    with pytest.raises(sweep.CounterError):
        meter.stop()


def test_no_rapl_is_a_counter_error(tmp_path):
    with pytest.raises(sweep.CounterError):
        sweep.RaplMeter(str(tmp_path))


# --- never a row without a measurement -------------------------------------


def test_no_counter_writes_no_row(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(sweep, "RAPL_ROOT", str(tmp_path / "no-powercap"))
    out = tmp_path / "out"
    rc = sweep.main(["--device", "cpu", "--quick", "--out", str(out)])
    assert rc == 2
    assert not (out / sweep.CSV_NAME).exists()
    assert "Refusing" in capsys.readouterr().err


class FakeMeter:
    """Stands in for a counter: 10 W while 'measuring'; can fail on stop."""

    label = "fake meter"

    def __init__(self, fail=False):
        self.fail = fail

    def start(self):
        import time
        self.t0 = time.perf_counter()

    def poll(self):
        pass

    def stop(self):
        import time
        if self.fail:
            raise sweep.CounterError("fake counter failure")
        return 10.0 * (time.perf_counter() - self.t0)

    def clock_mhz(self):
        return ""


def tiny_configs():
    spec = sweep.ModelSpec("mlp", "relu", depth=1, width=32)
    return [sweep.Config(spec, "forward", 4, "fp32"),
            sweep.Config(spec, "training", 4, "fp32", "sgd")]


def test_failed_counter_reading_writes_no_row(tmp_path):
    n = sweep.run_sweep(tiny_configs(), FakeMeter(fail=True), "cpu",
                        str(tmp_path), 0, idle_s=0.01, min_seconds=0.01)
    assert n == 0
    assert not (tmp_path / sweep.CSV_NAME).exists()


def test_rows_are_written_in_measurement_format(tmp_path):
    n = sweep.run_sweep(tiny_configs(), FakeMeter(), "cpu", str(tmp_path), 0,
                        idle_s=0.01, min_seconds=0.05)
    assert n == 2
    with open(tmp_path / sweep.CSV_NAME, newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == sweep.CSV_COLUMNS
    fwd, train = rows
    assert fwd["mode"] == "forward" and fwd["optimizer"] == "" and fwd["steps"] == "1"
    assert train["mode"] == "training" and train["optimizer"] == "sgd"
    assert train["steps"] == str(sweep.TRAIN_STEPS)
    assert fwd["model"] == "models/mlp-d1-w32-relu.onnx"
    assert (tmp_path / fwd["model"]).exists()
    assert fwd["layer_spec"] == "dense(784,32) relu dense(32,10)"
    assert int(fwd["macs_python"]) == 784 * 32 + 32 * 10
    for r in rows:
        reps, e, t = int(r["repetitions"]), float(r["energy_j"]), float(r["time_s"])
        assert reps >= 1 and float(r["elapsed_s"]) >= 0.05
        assert e == pytest.approx(float(r["energy_total_j"]) / reps, rel=1e-4)
        assert e == pytest.approx(10.0 * t, rel=0.05)
        assert float(r["idle_w"]) == pytest.approx(10.0, rel=0.05)


def test_max_minutes_stops_cleanly(tmp_path):
    n = sweep.run_sweep(tiny_configs(), FakeMeter(), "cpu", str(tmp_path), 0,
                        max_minutes=0, idle_s=0.01, min_seconds=0.01)
    assert n == 0


def test_repeat_check_reports_spread(tmp_path):
    spreads = sweep.repeat_check(tiny_configs(), FakeMeter(), "cpu",
                                 str(tmp_path), 0, min_seconds=0.05)
    assert len(spreads) == 2 and all(s >= 0 for s in spreads)
    with open(tmp_path / sweep.REPEAT_NAME, newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["config_id"] for r in rows] == [c.id for c in tiny_configs()]
    assert not (tmp_path / sweep.CSV_NAME).exists()


# --- dry run ---------------------------------------------------------------


def test_dry_run_quick(tmp_path):
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sweep.py")
    res = subprocess.run([sys.executable, script, "--dry-run", "--quick",
                          "--device", "cpu", "--out", str(tmp_path)],
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    assert "nothing measured" in res.stdout
    assert not (tmp_path / sweep.CSV_NAME).exists()
    onnx_files = os.listdir(tmp_path / "models")
    assert onnx_files and all(f.endswith(".onnx") for f in onnx_files)
    listed = [line.split()[0] for line in res.stdout.splitlines()[1:-1]]
    assert set(listed) <= set(sweep.QUICK_IDS) and len(listed) >= 10
