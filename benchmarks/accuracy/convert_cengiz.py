#!/usr/bin/env python3
"""Convert cengiz-pen (whole-network training runs, architecture as a token string) into a tosim measurement CSV.

Usage: convert_cengiz.py DATA_DIR OUT_DIR [--check TOSIM]

Token grammar read from the data (not documented by the source repository; inferred):
  dense input LIST_224_224_3                   the input: 224x224 RGB images
  dense [output] IN OUT                        nn.Linear(IN, OUT); a flatten is inserted after 4-D layers
  convolutional CIN COUT LIST_k_k LIST_s_s P   nn.Conv2d(k, stride s, padding P = LIST_p_p or 0)
  normalization batch C EPS MOMENTUM           BatchNorm(C)
  normalization layer C EPS                    LayerNorm(C)
  nl_activation NAME                           relu, gelu, softmax, elu, sigmoid, tanh, ...
  pooling max|average LIST_k_k LIST_s_s P      max / average pooling
  pooling adaptive_avg LIST_a_a                adaptive average pooling to a x a
  dropout P                                    dropout
  ... WEIGHTS SCHEDULE EPOCHS BATCH OPTIMIZER  the last five tokens
Energy: the Avg_Power_Simpson column (an integral of power; units undocumented, used as relative energy).
Steps: EPOCHS x 1280 / BATCH (the data-set size is not documented; 1280 samples per epoch is an assumption that
only sets the scale, the same for every row). Optimizers: tosim counts sgd, momentum and adam updates;
SGD and ASGD map to sgd, Adam, AdamW, Adamax, NAdam, RAdam and SparseAdam to adam (two moment buffers),
RMSprop, Adagrad, Adadelta and Rprop to momentum (one state buffer); the update is a small part of a step.
Unmappable rows (written to OUT_DIR/cengiz_unmapped.txt with the reason): layers whose input channels do not
follow from the previous layer (residual or concatenating networks such as ResNet and DenseNet, whose token
strings list layers without their skip connections), LayerNorm or Linear over the channel axis of 4-D
activations (ConvNeXt-style channels-last blocks), non-square kernels, adaptive pooling that is not an integer
reduction, and, with --check, any model `tosim count` rejects.
"""
import csv
import os
import subprocess
import sys

ACTIVATIONS = {"relu", "gelu", "softmax", "elu", "sigmoid", "tanh", "silu", "softplus", "leakyrelu", "selu",
               "hardsigmoid", "hardswish"}
OPTIMIZERS = {"SGD": "sgd", "ASGD": "sgd", "Adam": "adam", "AdamW": "adam", "Adamax": "adam", "NAdam": "adam",
              "RAdam": "adam", "SparseAdam": "adam", "RMSprop": "momentum", "Adagrad": "momentum",
              "Adadelta": "momentum", "Rprop": "momentum"}
SAMPLES_PER_EPOCH = 1280


class Unmappable(Exception):
    pass


def pair(token):
    if not token.startswith("LIST_"):
        raise Unmappable(f"expected LIST_a_b, got {token}")
    a, b = token[5:].split("_")[:2]
    if a != b:
        raise Unmappable(f"non-square {token}")
    return int(a)


def convert(model):
    t = model.split()
    if t[:3] != ["dense", "input", "LIST_224_224_3"]:
        raise Unmappable("unexpected input tokens")
    body, tail = t[3:-5], t[-5:]
    epochs, batch, optimizer = int(tail[2]), int(tail[3]), tail[4]
    if optimizer not in OPTIMIZERS:
        raise Unmappable(f"optimizer {optimizer}")
    shape = ["img", 3, 224, 224]
    spec = ["input(3x224x224)"]
    i = 0
    while i < len(body):
        tok = body[i]
        if tok == "dense":
            if body[i + 1] == "output":
                i += 1
            n_in, n_out = int(body[i + 1]), int(body[i + 2])
            if shape[0] == "img":
                flat = shape[1] * shape[2] * shape[3]
                if shape[2] != 1 or shape[3] != 1:
                    if flat != n_in:
                        raise Unmappable(f"dense({n_in},{n_out}) on {shape[1]}x{shape[2]}x{shape[3]} activations "
                                         "(channels-last linear or missing layers)")
                if flat != n_in:
                    raise Unmappable(f"dense input {n_in} != {flat}")
                spec.append("flatten")
            elif shape[1] != n_in:
                raise Unmappable(f"dense input {n_in} != {shape[1]}")
            spec.append(f"dense({n_in},{n_out})")
            shape = ["flat", n_out]
            i += 3
        elif tok == "convolutional":
            c_in, c_out = int(body[i + 1]), int(body[i + 2])
            k, s = pair(body[i + 3]), pair(body[i + 4])
            p = 0 if body[i + 5] == "0" else pair(body[i + 5])
            if shape[0] != "img" or shape[1] != c_in:
                raise Unmappable(f"conv input channels {c_in} do not follow from the previous layer "
                                 f"({shape}): residual or concatenating topology")
            h = (shape[2] + 2 * p - k) // s + 1
            w = (shape[3] + 2 * p - k) // s + 1
            if h < 1 or w < 1:
                raise Unmappable("convolution output is empty")
            spec.append(f"conv2d(c_in={c_in},c_out={c_out},k={k},stride={s},pad={p})")
            shape = ["img", c_out, h, w]
            i += 6
        elif tok == "normalization":
            kind, c = body[i + 1], int(body[i + 2])
            if kind == "batch":
                if shape[1] != c:
                    raise Unmappable(f"batch norm over {c} channels after {shape}: residual or concatenating topology")
                spec.append(f"batchnorm(c={c})")
                i += 5
            elif kind == "layer":
                if shape[0] != "flat" or shape[1] != c:
                    raise Unmappable("layer norm over the channel axis of 4-D activations (channels-last block)")
                spec.append(f"layernorm(d={c})")
                i += 4
            else:
                raise Unmappable(f"normalization {kind}")
        elif tok == "nl_activation":
            name = body[i + 1].lower()
            if name not in ACTIVATIONS:
                raise Unmappable(f"activation {name}")
            spec.append(name)
            i += 2
        elif tok == "pooling":
            kind = body[i + 1]
            if shape[0] != "img":
                raise Unmappable("pooling on flat activations")
            if kind in ("max", "average"):
                k, s = pair(body[i + 2]), pair(body[i + 3])
                p = 0 if body[i + 4] == "0" else pair(body[i + 4])
                spec.append(f"{'maxpool' if kind == 'max' else 'avgpool'}(k={k},stride={s},pad={p})")
                shape = ["img", shape[1], (shape[2] + 2 * p - k) // s + 1, (shape[3] + 2 * p - k) // s + 1]
                i += 5
            elif kind == "adaptive_avg":
                a = pair(body[i + 2])
                if a == 1:
                    spec.append("globalavgpool")
                elif shape[2] == a and shape[3] == a:
                    pass
                elif shape[2] % a == 0 and shape[3] % a == 0 and shape[2] == shape[3]:
                    spec.append(f"avgpool(k={shape[2] // a})")
                else:
                    raise Unmappable(f"adaptive pooling {shape[2]}x{shape[3]} -> {a}x{a} is not an integer reduction")
                shape = ["img", shape[1], a, a]
                i += 3
            else:
                raise Unmappable(f"pooling {kind}")
        elif tok == "dropout":
            spec.append("dropout")
            i += 2
        else:
            raise Unmappable(f"token {tok}")
    return " ".join(spec), batch, OPTIMIZERS[optimizer], epochs * SAMPLES_PER_EPOCH / batch


def main():
    args = sys.argv[1:]
    tosim = None
    if "--check" in args:
        k = args.index("--check")
        tosim = args[k + 1]
        del args[k:k + 2]
    if len(args) != 2:
        sys.exit(__doc__)
    data, out = args
    os.makedirs(out, exist_ok=True)
    rows, unmapped, checked = [], [], {}
    with open(os.path.join(data, "training.csv"), newline="") as f:
        for n, record in enumerate(csv.DictReader(f), start=2):
            try:
                spec, batch, optimizer, steps = convert(record["Model"])
                if tosim:
                    key = (spec, batch, optimizer)
                    if key not in checked:
                        r = subprocess.run([tosim, "count", spec, "--batch", str(batch), "--training", "--optimizer",
                                            optimizer, "--json"], capture_output=True, text=True)
                        checked[key] = r.stderr.strip().splitlines()[-1] if r.returncode else None
                    if checked[key]:
                        raise Unmappable(f"tosim count rejects it: {checked[key]}")
                energy = float(record["Avg_Power_Simpson"])
                if energy <= 0:
                    raise Unmappable("non-positive energy")
                rows.append([spec, batch, "fp32", "training", optimizer, "cengiz-pen-edge", f"{energy:.9g}", f"{steps:g}"])
            except (Unmappable, ValueError, IndexError) as e:
                unmapped.append(f"line {n}: {e}")
    with open(os.path.join(out, "cengiz_training.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["model", "batch", "precision", "mode", "optimizer", "hardware", "energy_j", "steps"])
        w.writerows(rows)
    with open(os.path.join(out, "cengiz_unmapped.txt"), "w") as f:
        f.write("\n".join(unmapped) + "\n")
    print(f"cengiz-pen: {len(rows)} rows mapped, {len(unmapped)} unmappable (see cengiz_unmapped.txt)", file=sys.stderr)


if __name__ == "__main__":
    main()
