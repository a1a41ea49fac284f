#!/usr/bin/env python3
"""Measured-energy sweep of feed-forward nets and CNNs for tosim (issue 6).

Builds a grid of small-to-large MLPs, LeNet-5-like and VGG-like CNNs, runs
each in inference (`forward`) or training (`training`: forward + loss +
backward + optimizer update) on synthetic MNIST- or CIFAR-shaped data, and
reads the device's own energy counter around the measured window:

* NVIDIA GPU: NVML total-energy counter (nvmlDeviceGetTotalEnergyConsumption),
  via the `pynvml` module of the `nvidia-ml-py` package;
* CPU: RAPL package energy, /sys/class/powercap/intel-rapl:N/energy_uj, with
  wrap-around handled through max_energy_range_uj.

One CSV row per measured configuration is appended and flushed to
<out>/measurements.csv (the measurement format `tosim fit` reads), and every
model's inference graph is exported to <out>/models/<model-id>.onnx.
Energy that could not be measured is never written: no counter, no row.

A "run" is `steps` consecutive batches of size `batch` (forward passes in
forward mode, optimizer steps in training mode); energy_j and time_s are per
run, averaged over `repetitions` runs measured back to back for >= 1 s.

Usage: python sweep.py --device cuda|cpu --out DIR [--quick] [--dry-run]
       [--max-minutes M] [--seed S] [--filter SUBSTRING] [--repeat-check]
See README.md next to this file.
"""

from __future__ import annotations

import argparse
import csv
import glob
import inspect
import math
import os
import platform
import random
import re
import sys
import time
import warnings
import zlib
from dataclasses import dataclass
from datetime import datetime, timezone

import torch
import torch.nn as nn
import torch.nn.functional as F

# --------------------------------------------------------------------------
# Constants
# --------------------------------------------------------------------------

NUM_CLASSES = 10
DATASETS = {"mnist": (1, 28, 28), "cifar": (3, 32, 32)}
ACTIVATIONS = {
    "relu": nn.ReLU,
    "sigmoid": nn.Sigmoid,
    "tanh": nn.Tanh,
    "gelu": nn.GELU,
    "silu": nn.SiLU,
}
POOLS = {"max": nn.MaxPool2d, "avg": nn.AvgPool2d}
DTYPES = {"fp32": torch.float32, "fp16": torch.float16, "bf16": torch.bfloat16}

TRAIN_STEPS = 5      # batches (optimizer steps) per training run
FORWARD_STEPS = 1    # batches per forward run
MIN_MEASURE_S = 1.0  # the measured window lasts at least this long
WARMUP_S = 0.3       # warm-up lasts at least this long (and >= 2 runs)
IDLE_S = 5.0         # length of an idle-power measurement
IDLE_REFRESH_S = 600.0  # re-measure idle power this often during a sweep
ONNX_OPSET = 17
CSV_NAME = "measurements.csv"
REPEAT_NAME = "repeat_check.csv"
REPEAT_TARGET_PCT = 3.0

RAPL_ROOT = "/sys/class/powercap"
RAPL_POLL_S = 0.5      # read RAPL at least this often while measuring
RAPL_MAX_W = 1000.0    # no CPU package draws more; bounds the wrap check

CSV_COLUMNS = [
    # the measurement format read by `tosim fit`
    "model", "batch", "precision", "mode", "hardware", "energy_j", "time_s",
    "steps", "optimizer", "idle_w",
    # extra columns
    "layer_spec", "config_id", "model_id", "kind", "dataset", "activation",
    "macs_python", "macs_forward_run", "params", "repetitions", "elapsed_s",
    "energy_total_j", "clock_mhz", "device", "torch_version", "seed",
    "timestamp",
]


def log(msg: str) -> None:
    """Messages about skips and failures go to stderr."""
    print(msg, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------
# Models
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class ModelSpec:
    """One architecture of the grid.

    kind "mlp": `depth` hidden layers of `width` units on flattened MNIST.
    kind "lenet": LeNet-5-like, conv channels `channels`, on MNIST.
    kind "vgg": `depth` 3x3 conv layers, first with `width` channels,
    doubling every second layer up to 256, on CIFAR.
    """

    kind: str
    activation: str
    depth: int = 0
    width: int = 0
    channels: tuple = ()
    pool: str = ""

    @property
    def dataset(self) -> str:
        return "cifar" if self.kind == "vgg" else "mnist"

    @property
    def id(self) -> str:
        if self.kind == "mlp":
            return f"mlp-d{self.depth}-w{self.width}-{self.activation}"
        if self.kind == "lenet":
            c1, c2 = self.channels
            return f"lenet-c{c1}x{c2}-{self.pool}-{self.activation}"
        return f"vgg-n{self.depth}-c{self.width}-{self.pool}-{self.activation}"

    @property
    def input_shape(self) -> tuple:
        """Shape of one sample as fed to the model (MLPs take flat input)."""
        shape = DATASETS[self.dataset]
        if self.kind == "mlp":
            return (math.prod(shape),)
        return shape

    def build(self) -> nn.Sequential:
        act = ACTIVATIONS[self.activation]
        layers: list[nn.Module] = []
        if self.kind == "mlp":
            n_in = self.input_shape[0]
            for _ in range(self.depth):
                layers += [nn.Linear(n_in, self.width), act()]
                n_in = self.width
            layers.append(nn.Linear(n_in, NUM_CLASSES))
        elif self.kind == "lenet":
            c1, c2 = self.channels
            pool = POOLS[self.pool]
            c_in = self.input_shape[0]
            layers += [nn.Conv2d(c_in, c1, 5, padding=2), act(), pool(2, 2),
                       nn.Conv2d(c1, c2, 5), act(), pool(2, 2), nn.Flatten(),
                       nn.Linear(c2 * 5 * 5, 120), act(),
                       nn.Linear(120, 84), act(),
                       nn.Linear(84, NUM_CLASSES)]
        elif self.kind == "vgg":
            pool = POOLS[self.pool]
            c_in, side, _ = self.input_shape
            for i in range(self.depth):
                c_out = min(self.width * 2 ** (i // 2), 256)
                layers += [nn.Conv2d(c_in, c_out, 3, padding=1), act()]
                if i % 2 == 1 or i == self.depth - 1:
                    layers.append(pool(2, 2))
                    side //= 2
                c_in = c_out
            layers += [nn.Flatten(), nn.Linear(c_in * side * side, NUM_CLASSES)]
        else:
            raise ValueError(f"unknown model kind {self.kind!r}")
        return nn.Sequential(*layers)


def _pair(v) -> int:
    """A square kernel/stride/padding value as one int."""
    if isinstance(v, (tuple, list)):
        if len(set(v)) != 1:
            raise ValueError(f"non-square value {v!r} is not supported")
        return int(v[0])
    return int(v)


def describe(model: nn.Sequential, input_shape: tuple) -> tuple[str, int]:
    """tosim one-line layer spec and MACs per sample of a Sequential model.

    MAC convention: a dense layer counts in*out per sample; a conv layer
    counts c_in/groups * c_out * k*k * out_h*out_w per sample.  Biases,
    activations, pooling and flatten count zero MACs.
    """
    shape = tuple(input_shape)
    parts: list[str] = []
    macs = 0
    act_names = {cls: name for name, cls in ACTIVATIONS.items()}
    for m in model:
        if isinstance(m, nn.Linear):
            bias = "" if m.bias is not None else ",bias=false"
            parts.append(f"dense({m.in_features},{m.out_features}{bias})")
            macs += m.in_features * m.out_features
            shape = (m.out_features,)
        elif isinstance(m, nn.Conv2d):
            c, h, w = shape
            k, s = _pair(m.kernel_size), _pair(m.stride)
            p, d = _pair(m.padding), _pair(m.dilation)
            oh = (h + 2 * p - d * (k - 1) - 1) // s + 1
            ow = (w + 2 * p - d * (k - 1) - 1) // s + 1
            parts.append(
                f"conv2d(c_in={m.in_channels},c_out={m.out_channels},k={k},"
                f"stride={s},pad={p},dilation={d},groups={m.groups},in={h}x{w})")
            macs += m.in_channels // m.groups * m.out_channels * k * k * oh * ow
            shape = (m.out_channels, oh, ow)
        elif isinstance(m, (nn.MaxPool2d, nn.AvgPool2d)):
            c, h, w = shape
            k, s = _pair(m.kernel_size), _pair(m.stride)
            if _pair(m.padding) != 0:
                raise ValueError("padded pooling is not supported")
            name = "maxpool" if isinstance(m, nn.MaxPool2d) else "avgpool"
            parts.append(f"{name}(k={k},stride={s})")
            shape = (c, (h - k) // s + 1, (w - k) // s + 1)
        elif isinstance(m, nn.Flatten):
            parts.append("flatten")
            shape = (math.prod(shape),)
        elif type(m) in act_names:
            parts.append(act_names[type(m)])
        else:
            raise ValueError(f"no layer-spec name for {type(m).__name__}")
    return " ".join(parts), macs


# --------------------------------------------------------------------------
# Configurations
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Config:
    """One measured configuration: a model run in one mode/batch/precision."""

    model: ModelSpec
    mode: str            # "forward" or "training"
    batch: int
    precision: str       # "fp32", "fp16" or "bf16"
    optimizer: str = ""  # "sgd" or "adam" in training mode, "" in forward

    @property
    def steps(self) -> int:
        return TRAIN_STEPS if self.mode == "training" else FORWARD_STEPS

    @property
    def id(self) -> str:
        mode = self.mode if self.mode == "forward" else f"training-{self.optimizer}"
        return f"{self.model.id}-{mode}-b{self.batch}-{self.precision}"


def _settings(batches_fwd, batch_sgd, batch_adam, precision="fp32"):
    out = [("forward", b, precision, "") for b in batches_fwd]
    if batch_sgd:
        out.append(("training", batch_sgd, precision, "sgd"))
    if batch_adam:
        out.append(("training", batch_adam, precision, "adam"))
    return out


def build_grid() -> list[Config]:
    """The full grid, in a fixed (unshuffled) order."""
    entries: list[tuple[ModelSpec, list]] = []
    others = ["sigmoid", "tanh", "gelu", "silu"]

    # MLPs: ReLU depth x width grid, other activations at three points.
    mlp_base = _settings([1, 64, 1024], 64, 256)
    for depth in (1, 2, 4, 8):
        for width in (32, 128, 512, 2048, 4096):
            if depth == 8 and width == 4096:
                continue  # 120M parameters, a 480 MB ONNX file: left out
            settings = list(mlp_base)
            if width >= 512:
                for prec in ("fp16", "bf16"):
                    settings += [("forward", 1024, prec, ""),
                                 ("training", 256, prec, "sgd")]
            entries.append((ModelSpec("mlp", "relu", depth, width), settings))
    for act in others:
        for depth, width in ((1, 256), (3, 1024), (6, 128)):
            entries.append((ModelSpec("mlp", act, depth, width), mlp_base))

    # LeNet-5-like: classic channels with every activation and both pools,
    # plus wider variants.
    cnn_base = _settings([1, 32, 256], 32, 32)
    for act in ACTIVATIONS:
        for pool in POOLS:
            entries.append((ModelSpec("lenet", act, channels=(6, 16), pool=pool),
                            cnn_base))
    for chans in ((32, 64), (128, 256)):
        entries.append((ModelSpec("lenet", "relu", channels=chans, pool="max"),
                        cnn_base))

    # VGG-like: ReLU/max grid over depth and base channels, other activations
    # at two points, average pooling at three.
    for depth in (1, 2, 4, 6):
        for width in (8, 32, 128, 256):
            settings = list(cnn_base)
            if depth >= 2 and width in (32, 256):
                settings += [("forward", 256, "fp16", ""),
                             ("forward", 256, "bf16", "")]
            entries.append((ModelSpec("vgg", "relu", depth, width, pool="max"),
                            settings))
    for act in others:
        for depth, width in ((4, 32), (2, 128)):
            entries.append((ModelSpec("vgg", act, depth, width, pool="max"),
                            cnn_base))
    for depth in (2, 4, 6):
        entries.append((ModelSpec("vgg", "relu", depth, 64, pool="avg"),
                        cnn_base))

    return [Config(spec, mode, batch, prec, opt)
            for spec, settings in entries
            for mode, batch, prec, opt in settings]


QUICK_IDS = [
    "mlp-d2-w512-relu-forward-b1-fp32",
    "mlp-d2-w512-relu-forward-b1024-fp32",
    "mlp-d2-w512-relu-forward-b1024-bf16",
    "mlp-d2-w512-relu-training-sgd-b64-fp32",
    "mlp-d1-w32-relu-training-adam-b256-fp32",
    "mlp-d8-w2048-relu-forward-b64-fp32",
    "mlp-d3-w1024-gelu-forward-b64-fp32",
    "mlp-d1-w256-sigmoid-training-sgd-b64-fp32",
    "mlp-d6-w128-silu-forward-b1024-fp32",
    "lenet-c6x16-avg-tanh-forward-b32-fp32",
    "lenet-c6x16-max-relu-training-adam-b32-fp32",
    "vgg-n2-c32-max-relu-forward-b256-fp32",
    "vgg-n2-c32-max-relu-forward-b256-fp16",
    "vgg-n4-c32-max-silu-training-sgd-b32-fp32",
    "vgg-n2-c128-max-tanh-forward-b32-fp32",
]


def quick_grid() -> list[Config]:
    by_id = {c.id: c for c in build_grid()}
    return [by_id[i] for i in QUICK_IDS]


def select_configs(quick: bool, seed: int, flt: str | None,
                   precisions: set) -> list[Config]:
    """The configurations to run, in run order.

    The full grid is shuffled with `seed`, so that a sweep cut short by
    --max-minutes still covers every kind of configuration.
    """
    configs = quick_grid() if quick else build_grid()
    if not quick:
        random.Random(seed).shuffle(configs)
    if flt:
        configs = [c for c in configs if flt in c.id]
    dropped = [c for c in configs if c.precision not in precisions]
    if dropped:
        kinds = sorted({c.precision for c in dropped})
        log(f"skipping {len(dropped)} configuration(s) in {', '.join(kinds)}: "
            "precision not supported on this device")
    return [c for c in configs if c.precision in precisions]


# --------------------------------------------------------------------------
# ONNX export
# --------------------------------------------------------------------------


def model_seed(seed: int, model_id: str) -> int:
    return (seed * 1_000_003 + zlib.crc32(model_id.encode())) % 2**31


def build_model(spec: ModelSpec, seed: int) -> nn.Sequential:
    """The model with weights fixed by `seed` (same weights in every mode)."""
    torch.manual_seed(model_seed(seed, spec.id))
    return spec.build()


def export_onnx(model: nn.Module, input_shape: tuple, path: str) -> None:
    """Export the inference graph (fp32, symbolic batch) to `path`.

    Uses the TorchScript-based exporter (no onnxscript needed) and falls back
    to the torch.export-based one where the former is missing.  The file is
    written under a temporary name first, so a failed export leaves nothing.
    """
    model = model.eval().float().cpu()
    example = (torch.zeros(2, *input_shape),)
    tmp = path + ".part"
    kwargs = dict(input_names=["input"], output_names=["logits"],
                  opset_version=ONNX_OPSET)
    has_dynamo = "dynamo" in inspect.signature(torch.onnx.export).parameters
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if has_dynamo:
                kwargs["dynamo"] = False
            torch.onnx.export(model, example, tmp,
                              dynamic_axes={"input": {0: "batch"},
                                            "logits": {0: "batch"}},
                              **kwargs)
    except Exception as legacy_error:  # noqa: BLE001 - try the other exporter
        if not has_dynamo:
            raise
        try:
            kwargs["dynamo"] = True
            batch = torch.export.Dim("batch")
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                torch.onnx.export(model, example, tmp,
                                  dynamic_shapes=({0: batch},), **kwargs)
        except Exception as dynamo_error:
            raise RuntimeError(f"{legacy_error}; then {dynamo_error}") from None
    try:
        import onnx
        onnx.checker.check_model(tmp)
    except ImportError:
        pass
    os.replace(tmp, path)


# --------------------------------------------------------------------------
# Energy counters
# --------------------------------------------------------------------------


class CounterError(RuntimeError):
    """An energy counter is missing or gave a reading that cannot be trusted."""


class NvmlMeter:
    """NVML total-energy counter of one GPU (millijoules since driver load)."""

    def __init__(self, cuda_index: int = 0):
        try:
            import pynvml
        except ImportError:
            raise CounterError("the pynvml module is missing: "
                               "pip install nvidia-ml-py") from None
        self.nv = pynvml
        try:
            pynvml.nvmlInit()
            self.handle = self._handle(cuda_index)
            self._start = self._read_mj()
            self.label = self._label()
        except pynvml.NVMLError as e:
            raise CounterError(f"NVML energy counter unavailable: {e}") from None

    def _handle(self, cuda_index: int):
        nv = self.nv
        props = torch.cuda.get_device_properties(cuda_index)
        try:
            return nv.nvmlDeviceGetHandleByUUID(f"GPU-{props.uuid}")
        except Exception:  # noqa: BLE001 - older torch/NVML: try the bus id
            pass
        try:
            bus = (f"{props.pci_domain_id:08X}:{props.pci_bus_id:02X}:"
                   f"{props.pci_device_id:02X}.0")
            return nv.nvmlDeviceGetHandleByPciBusId(bus)
        except Exception:  # noqa: BLE001
            log("warning: could not match the CUDA device to NVML by UUID or "
                f"PCI bus id; using NVML device {cuda_index}")
            return nv.nvmlDeviceGetHandleByIndex(cuda_index)

    def _label(self) -> str:
        nv, h = self.nv, self.handle

        def text(v):
            return v.decode() if isinstance(v, bytes) else str(v)

        parts = [text(nv.nvmlDeviceGetName(h)),
                 f"driver {text(nv.nvmlSystemGetDriverVersion())}"]
        try:
            sm = nv.nvmlDeviceGetMaxClockInfo(h, nv.NVML_CLOCK_SM)
            mem = nv.nvmlDeviceGetMaxClockInfo(h, nv.NVML_CLOCK_MEM)
            parts.append(f"max clocks sm {sm} MHz mem {mem} MHz")
        except nv.NVMLError:
            pass
        try:
            sm = nv.nvmlDeviceGetApplicationsClock(h, nv.NVML_CLOCK_SM)
            mem = nv.nvmlDeviceGetApplicationsClock(h, nv.NVML_CLOCK_MEM)
            parts.append(f"application clocks sm {sm} MHz mem {mem} MHz")
        except nv.NVMLError:
            pass
        try:
            limit = nv.nvmlDeviceGetEnforcedPowerLimit(h) / 1000.0
            parts.append(f"power limit {limit:g} W")
        except nv.NVMLError:
            pass
        return " | ".join(parts)

    def _read_mj(self) -> int:
        return int(self.nv.nvmlDeviceGetTotalEnergyConsumption(self.handle))

    def clock_mhz(self) -> str:
        try:
            return str(self.nv.nvmlDeviceGetClockInfo(self.handle,
                                                      self.nv.NVML_CLOCK_SM))
        except self.nv.NVMLError:
            return ""

    def start(self) -> None:
        self._start = self._read_mj()

    def poll(self) -> None:
        """The 64-bit millijoule counter does not wrap: nothing to do."""

    def stop(self) -> float:
        try:
            end = self._read_mj()
        except self.nv.NVMLError as e:
            raise CounterError(f"NVML read failed: {e}") from None
        if end < self._start:
            raise CounterError("NVML energy counter went backwards "
                               "(driver reloaded?)")
        return (end - self._start) / 1000.0


def rapl_delta_uj(start: int, end: int, max_range_uj: int) -> int:
    """Energy between two readings of a RAPL counter that wraps at max_range.

    A reading lower than the previous one means the counter wrapped (once;
    the caller reads often enough that it cannot wrap twice).
    """
    if end >= start:
        return end - start
    return end + max_range_uj - start


class RaplMeter:
    """Sum of the RAPL package domains under /sys/class/powercap."""

    def __init__(self, root: str = None):
        root = root or RAPL_ROOT
        dirs = sorted(d for d in glob.glob(os.path.join(root, "intel-rapl:*"))
                      if re.fullmatch(r"intel-rapl:\d+", os.path.basename(d)))
        if not dirs:
            raise CounterError(f"no RAPL package domain under {root} "
                               "(intel-rapl:N); this CPU or kernel exposes no "
                               "energy counter")
        self.dirs = dirs
        try:
            self.max_range = [self._read_int(d, "max_energy_range_uj")
                              for d in dirs]
            self._read()
        except PermissionError:
            raise CounterError(f"cannot read {dirs[0]}/energy_uj: permission "
                               "denied (run as root, or make energy_uj "
                               "readable)") from None
        except (OSError, ValueError) as e:
            raise CounterError(f"cannot read RAPL counter: {e}") from None
        # Longest gap between two reads that cannot hide a double wrap.
        self.safe_gap_s = min(self.max_range) / 1e6 / RAPL_MAX_W
        self.label = self._label()

    @staticmethod
    def _read_int(d: str, name: str) -> int:
        with open(os.path.join(d, name)) as f:
            return int(f.read().strip())

    def _read(self) -> list[int]:
        return [self._read_int(d, "energy_uj") for d in self.dirs]

    def _label(self) -> str:
        name = platform.processor() or platform.machine()
        try:
            with open("/proc/cpuinfo") as f:
                for line in f:
                    if line.startswith("model name"):
                        name = line.split(":", 1)[1].strip()
                        break
        except OSError:
            pass
        parts = [name, f"kernel {platform.release()}"]
        try:
            with open("/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq") as f:
                parts.append(f"max clock {int(f.read()) // 1000} MHz")
        except (OSError, ValueError):
            pass
        parts += [f"{torch.get_num_threads()} threads",
                  f"rapl packages {len(self.dirs)}"]
        return " | ".join(p.replace(",", " ") for p in parts)

    def clock_mhz(self) -> str:
        try:
            with open("/sys/devices/system/cpu/cpu0/cpufreq/scaling_cur_freq") as f:
                return str(int(f.read()) // 1000)
        except (OSError, ValueError):
            return ""

    def start(self) -> None:
        self._last = self._read()
        self._last_t = time.monotonic()
        self._acc_uj = 0
        self._unsafe = False

    def poll(self, force: bool = False) -> None:
        """Accumulate energy since the last read (at most every RAPL_POLL_S)."""
        now = time.monotonic()
        if not force and now - self._last_t < RAPL_POLL_S:
            return
        try:
            cur = self._read()
        except OSError as e:
            raise CounterError(f"RAPL read failed: {e}") from None
        self._acc_uj += sum(rapl_delta_uj(a, b, m) for a, b, m
                            in zip(self._last, cur, self.max_range))
        if now - self._last_t >= self.safe_gap_s:
            self._unsafe = True
        self._last, self._last_t = cur, now

    def stop(self) -> float:
        self.poll(force=True)
        if self._unsafe:
            raise CounterError(
                f"RAPL counter read less often than every {self.safe_gap_s:.1f} s "
                "(one run took too long): it may have wrapped more than once")
        return self._acc_uj / 1e6


def open_meter(device: str):
    """The energy counter for `device`; raises CounterError if there is none."""
    if device == "cuda":
        if not torch.cuda.is_available():
            raise CounterError("no CUDA GPU is available")
        return NvmlMeter(torch.cuda.current_device())
    return RaplMeter()


# --------------------------------------------------------------------------
# Measurement
# --------------------------------------------------------------------------


def synchronize(device: str) -> None:
    if device == "cuda":
        torch.cuda.synchronize()


def measure_idle(meter, device: str, seconds: float = IDLE_S) -> float:
    """Average power (W) over `seconds` with nothing running."""
    synchronize(device)
    meter.start()
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        time.sleep(0.05)
        meter.poll()
    joules = meter.stop()
    return joules / (time.perf_counter() - t0)


def make_runner(cfg: Config, device: str, seed: int):
    """Build model, data and optimizer; return (run_once, params)."""
    dtype = DTYPES[cfg.precision]
    model = build_model(cfg.model, seed).to(device=device, dtype=dtype)
    params = sum(p.numel() for p in model.parameters())
    gen = torch.Generator().manual_seed(model_seed(seed, cfg.id))
    x = torch.randn(cfg.steps, cfg.batch, *cfg.model.input_shape, generator=gen)
    y = torch.randint(0, NUM_CLASSES, (cfg.steps, cfg.batch), generator=gen)
    x, y = x.to(device=device, dtype=dtype), y.to(device)

    if cfg.mode == "forward":
        model.eval()

        def run_once():
            with torch.inference_mode():
                for i in range(cfg.steps):
                    model(x[i])
    else:
        model.train()
        if cfg.optimizer == "sgd":
            opt = torch.optim.SGD(model.parameters(), lr=0.01)
        else:
            opt = torch.optim.Adam(model.parameters(), lr=1e-3)

        def run_once():
            for i in range(cfg.steps):
                opt.zero_grad(set_to_none=True)
                F.cross_entropy(model(x[i]), y[i]).backward()
                opt.step()
    return run_once, params


def measure(cfg: Config, device: str, meter, seed: int,
            min_seconds: float = MIN_MEASURE_S) -> dict:
    """Warm up, then measure repetitions of one run for >= min_seconds.

    Returns energy and time per run and the totals; raises CounterError if
    the counter reading cannot be trusted.
    """
    run_once, params = make_runner(cfg, device, seed)

    # Warm-up: at least two runs and WARMUP_S; time the runs after the first.
    run_once()
    synchronize(device)
    n, t0 = 0, time.perf_counter()
    while n < 1 or time.perf_counter() - t0 < WARMUP_S:
        run_once()
        synchronize(device)
        n += 1
    per_run = (time.perf_counter() - t0) / n

    reps = 0
    batch = max(1, math.ceil(min_seconds / max(per_run, 1e-9) * 1.05))
    synchronize(device)
    meter.start()
    t0 = time.perf_counter()
    while True:
        for _ in range(batch):
            run_once()
            meter.poll()
        synchronize(device)
        reps += batch
        elapsed = time.perf_counter() - t0
        if elapsed >= min_seconds:
            break
        # Estimate was short: add enough runs for the remaining time.
        batch = max(1, math.ceil((min_seconds - elapsed) / (elapsed / reps) * 1.05))
    joules = meter.stop()
    if joules <= 0:
        raise CounterError("energy counter did not advance during the "
                           "measurement")
    return {"energy_j": joules / reps, "time_s": elapsed / reps,
            "repetitions": reps, "elapsed_s": elapsed,
            "energy_total_j": joules, "params": params,
            "clock_mhz": meter.clock_mhz()}


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------


class CsvLog:
    """Appends rows to a CSV, flushing each row to disk as it is written."""

    def __init__(self, path: str, columns: list[str]):
        self.path, self.columns = path, columns
        if os.path.exists(path) and os.path.getsize(path) > 0:
            with open(path, newline="") as f:
                header = next(csv.reader(f), [])
            if header != columns:
                raise SystemExit(f"error: {path} has a different header; "
                                 "use another --out directory")
            self._new = False
        else:
            self._new = True

    def append(self, row: dict) -> None:
        with open(self.path, "a", newline="") as f:
            w = csv.DictWriter(f, fieldnames=self.columns)
            if self._new:
                w.writeheader()
                self._new = False
            w.writerow(row)
            f.flush()
            os.fsync(f.fileno())


def fmt(v: float) -> str:
    return f"{v:.6g}"


class Exporter:
    """Exports each model's ONNX graph once per sweep; remembers failures."""

    def __init__(self, out: str, seed: int):
        self.dir = os.path.join(out, "models")
        os.makedirs(self.dir, exist_ok=True)
        self.seed = seed
        self.done: dict[str, tuple[str, int, int] | None] = {}

    def get(self, spec: ModelSpec):
        """(layer_spec, macs, params) after a successful export, else None."""
        if spec.id not in self.done:
            try:
                model = build_model(spec, self.seed)
                layer_spec, macs = describe(model, spec.input_shape)
                params = sum(p.numel() for p in model.parameters())
                export_onnx(model, spec.input_shape,
                            os.path.join(self.dir, f"{spec.id}.onnx"))
                self.done[spec.id] = (layer_spec, macs, params)
            except Exception as e:  # noqa: BLE001 - any failure skips the model
                log(f"skip {spec.id}: ONNX export failed: {e}")
                self.done[spec.id] = None
        return self.done[spec.id]


def make_row(cfg: Config, info: tuple, result: dict, hardware: str,
             idle_w: float, device: str, seed: int) -> dict:
    layer_spec, macs, _ = info
    return {
        "model": f"models/{cfg.model.id}.onnx",
        "batch": cfg.batch, "precision": cfg.precision, "mode": cfg.mode,
        "hardware": hardware, "energy_j": fmt(result["energy_j"]),
        "time_s": fmt(result["time_s"]), "steps": cfg.steps,
        "optimizer": cfg.optimizer, "idle_w": fmt(idle_w),
        "layer_spec": layer_spec, "config_id": cfg.id, "model_id": cfg.model.id,
        "kind": cfg.model.kind, "dataset": cfg.model.dataset,
        "activation": cfg.model.activation, "macs_python": macs,
        "macs_forward_run": macs * cfg.batch * cfg.steps,
        "params": result["params"], "repetitions": result["repetitions"],
        "elapsed_s": fmt(result["elapsed_s"]),
        "energy_total_j": fmt(result["energy_total_j"]),
        "clock_mhz": result["clock_mhz"], "device": device,
        "torch_version": torch.__version__, "seed": seed,
        "timestamp": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }


# --------------------------------------------------------------------------
# Sweep drivers
# --------------------------------------------------------------------------


def run_sweep(configs, meter, device: str, out: str, seed: int,
              max_minutes: float | None = None,
              idle_s: float = IDLE_S, min_seconds: float = MIN_MEASURE_S) -> int:
    """Measure every configuration; append one CSV row per good measurement.

    Returns the number of rows written.
    """
    t_start = time.monotonic()
    exporter = Exporter(out, seed)
    log_csv = CsvLog(os.path.join(out, CSV_NAME), CSV_COLUMNS)
    try:
        idle_w = measure_idle(meter, device, idle_s)
    except CounterError as e:
        log(f"error: idle power could not be measured ({e}); nothing written")
        return 0
    idle_t = time.monotonic()
    print(f"idle power {idle_w:.2f} W on {meter.label}", flush=True)

    written = 0
    for i, cfg in enumerate(configs):
        if max_minutes is not None and time.monotonic() - t_start >= max_minutes * 60:
            log(f"time budget of {max_minutes:g} min spent: stopping after "
                f"{i} of {len(configs)} configurations")
            break
        if time.monotonic() - idle_t >= IDLE_REFRESH_S:
            try:
                idle_w = measure_idle(meter, device, idle_s)
                idle_t = time.monotonic()
            except CounterError as e:
                log(f"error: idle power could not be re-measured ({e}); stopping")
                break
        info = exporter.get(cfg.model)
        if info is None:
            continue
        try:
            result = measure(cfg, device, meter, seed, min_seconds)
        except CounterError as e:
            log(f"skip {cfg.id}: {e}; no row written")
            continue
        except Exception as e:  # noqa: BLE001 - e.g. out of memory
            log(f"skip {cfg.id}: {type(e).__name__}: {e}")
            if device == "cuda":
                torch.cuda.empty_cache()
            continue
        log_csv.append(make_row(cfg, info, result, meter.label, idle_w,
                                device, seed))
        written += 1
        print(f"[{i + 1}/{len(configs)}] {cfg.id}: {result['energy_j']:.4g} J/run, "
              f"{result['time_s']:.4g} s/run, {result['repetitions']} reps",
              flush=True)
    return written


def repeat_check(configs, meter, device: str, out: str, seed: int,
                 n: int = 4, min_seconds: float = MIN_MEASURE_S) -> list[float]:
    """Measure up to n configurations twice (interleaved) and report spread."""
    if not configs:
        return []
    macs = {}
    for c in configs:
        if c.model.id not in macs:
            macs[c.model.id] = describe(c.model.build(), c.model.input_shape)[1]
    ranked = sorted(configs,
                    key=lambda c: (macs[c.model.id] * c.batch * c.steps, c.id))
    m = min(n, len(ranked))
    picks = [ranked[round(k * (len(ranked) - 1) / max(m - 1, 1))]
             for k in range(m)]  # spread evenly over the work per run
    first, second = {}, {}
    for store in (first, second):
        for cfg in picks:
            try:
                store[cfg.id] = measure(cfg, device, meter, seed, min_seconds)
            except Exception as e:  # noqa: BLE001
                log(f"skip {cfg.id} in repeat check: {e}")
    columns = ["config_id", "hardware", "energy_j_a", "energy_j_b",
               "time_s_a", "time_s_b", "spread_pct", "within_target"]
    log_csv = CsvLog(os.path.join(out, REPEAT_NAME), columns)
    spreads = []
    for cfg in picks:
        if cfg.id not in first or cfg.id not in second:
            continue
        a, b = first[cfg.id]["energy_j"], second[cfg.id]["energy_j"]
        spread = abs(a - b) / ((a + b) / 2) * 100
        spreads.append(spread)
        log_csv.append({"config_id": cfg.id, "hardware": meter.label,
                        "energy_j_a": fmt(a), "energy_j_b": fmt(b),
                        "time_s_a": fmt(first[cfg.id]["time_s"]),
                        "time_s_b": fmt(second[cfg.id]["time_s"]),
                        "spread_pct": f"{spread:.2f}",
                        "within_target": spread <= REPEAT_TARGET_PCT})
        print(f"{cfg.id}: {a:.4g} J vs {b:.4g} J, spread {spread:.2f}%",
              flush=True)
    if spreads:
        worst = max(spreads)
        verdict = "OK" if worst <= REPEAT_TARGET_PCT else "ABOVE TARGET"
        print(f"repeat check: worst spread {worst:.2f}% "
              f"(target <= {REPEAT_TARGET_PCT:g}%): {verdict}", flush=True)
    return spreads


def dry_run(configs, out: str, seed: int) -> int:
    """Export every model and list the configurations; measure nothing."""
    exporter = Exporter(out, seed)
    listed = []
    print(f"{'config_id':<48} {'kind':<6} {'macs':>12} {'params':>11} "
          f"{'mode':<9} {'batch':>5} precision")
    for cfg in configs:
        info = exporter.get(cfg.model)
        if info is None:
            continue
        _, macs, params = info
        listed.append((cfg, macs))
        print(f"{cfg.id:<48} {cfg.model.kind:<6} {macs:>12} {params:>11} "
              f"{cfg.mode:<9} {cfg.batch:>5} {cfg.precision}")
    if listed:
        lo = min(m for _, m in listed)
        hi = max(m for _, m in listed)
        models = len({c.model.id for c, _ in listed})
        print(f"dry run: {len(listed)} configurations, {models} models "
              f"exported to {exporter.dir}; MACs per sample {lo} to {hi} "
              f"({math.log10(hi / lo):.1f} orders of magnitude); activations "
              f"{' '.join(sorted({c.model.activation for c, _ in listed}))}; "
              f"modes {' '.join(sorted({c.mode for c, _ in listed}))}; "
              f"precisions {' '.join(sorted({c.precision for c, _ in listed}))}; "
              "nothing measured")
    else:
        print("dry run: no configuration selected")
    return 0


# --------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------


def supported_precisions(device: str) -> set:
    if device == "cpu":
        return {"fp32", "bf16"}
    if not torch.cuda.is_available():
        # Only reachable in a dry run: list what a CUDA GPU would run.
        return {"fp32", "fp16", "bf16"}
    s = {"fp32", "fp16"}
    if torch.cuda.is_bf16_supported():
        s.add("bf16")
    return s


def parse_args(argv=None):
    p = argparse.ArgumentParser(
        description="Measure the energy of MLPs and CNNs for tosim fit.")
    p.add_argument("--device", choices=["cuda", "cpu"], default="cuda")
    p.add_argument("--out", default="energy-out",
                   help="output directory (CSV and models/)")
    p.add_argument("--quick", action="store_true",
                   help=f"run a small subset ({len(QUICK_IDS)} configurations)")
    p.add_argument("--dry-run", action="store_true",
                   help="build and export the models, list the configurations, "
                        "measure nothing")
    p.add_argument("--max-minutes", type=float, default=None,
                   help="stop before the next configuration once spent")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--filter", default=None,
                   help="only configurations whose id contains this")
    p.add_argument("--repeat-check", action="store_true",
                   help="measure a few configurations twice, report spread")
    p.add_argument("--min-seconds", type=float, default=MIN_MEASURE_S,
                   help="minimum length of each measured window")
    return p.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    torch.manual_seed(args.seed)
    # "fp32" means fp32: no TF32 tensor-core shortcuts.
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    torch.backends.cudnn.benchmark = True

    configs = select_configs(args.quick, args.seed, args.filter,
                             supported_precisions(args.device))
    if args.dry_run:
        os.makedirs(args.out, exist_ok=True)
        return dry_run(configs, args.out, args.seed)

    try:
        meter = open_meter(args.device)
    except CounterError as e:
        log(f"error: cannot measure energy on {args.device}: {e}.\n"
            "Refusing to write energy that was not measured: no rows written. "
            "(--dry-run builds and lists the configurations without measuring.)")
        return 2
    os.makedirs(args.out, exist_ok=True)

    try:
        if args.repeat_check:
            spreads = repeat_check(configs, meter, args.device, args.out,
                                   args.seed, min_seconds=args.min_seconds)
            return 0 if spreads else 1
        written = run_sweep(configs, meter, args.device, args.out, args.seed,
                            args.max_minutes, min_seconds=args.min_seconds)
    except KeyboardInterrupt:
        log("interrupted: every row measured so far is in the CSV")
        return 130
    print(f"{written} row(s) written to {os.path.join(args.out, CSV_NAME)}",
          flush=True)
    return 0 if written else 1


if __name__ == "__main__":
    sys.exit(main())
