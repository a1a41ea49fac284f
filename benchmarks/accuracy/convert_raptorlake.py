#!/usr/bin/env python3
"""Convert willowec-raptorlake (pyRAPL, single nn.Linear / nn.Conv2d layers) into tosim measurement CSVs.

Usage: convert_raptorlake.py DATA_DIR OUT_DIR

Reads raptorlake_linear.csv and raptorlake_conv.csv from DATA_DIR and writes into OUT_DIR:
  raptorlake_{linear,conv}_{forward,backward}.csv and raptorlake_all.csv (every layer type, both modes).
Units: pyRAPL energy in microjoules, time in microseconds (per mini-batch, averaged over an epoch).
Forward rows: the layer's forward pass. Backward rows: MSE loss + backward + SGD step with momentum 0.9
(src/gen_dataset.py of the source repository), i.e. tosim mode `backward`, optimizer `momentum`.
Rows with a value of -1 (failed measurement) are skipped and counted on standard error.
"""
import csv
import os
import sys

HEADER = ["model", "batch", "precision", "mode", "optimizer", "hardware", "energy_j", "time_s", "layer_type"]
HARDWARE = "raptorlake-cpu"


def rows_of(kind, record):
    batch = int(record["batch_size"])
    if kind == "linear":
        spec = f"dense({int(record['in_size'])},{int(record['out_size'])})"
    else:
        spec = (f"conv2d(c_in={int(record['in_chan'])},c_out={int(record['out_chan'])},k={int(record['k_size'])},"
                f"stride={int(record['stride'])},in={int(record['side_len'])})")
    for mode, e_key, t_key in (("forward", "for_energy", "for_time"), ("backward", "back_energy", "back_time")):
        energy, time = float(record[e_key]), float(record[t_key])
        if energy <= 0 or time <= 0:
            yield mode, None
            continue
        yield mode, [spec, batch, "fp32", mode, "momentum", HARDWARE, f"{energy * 1e-6:.9g}", f"{time * 1e-6:.9g}", kind]


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    data, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    everything = []
    for kind in ("linear", "conv"):
        by_mode = {"forward": [], "backward": []}
        skipped = 0
        with open(os.path.join(data, f"raptorlake_{kind}.csv"), newline="") as f:
            for record in csv.DictReader(f):
                for mode, row in rows_of(kind, record):
                    if row is None:
                        skipped += 1
                    else:
                        by_mode[mode].append(row)
        for mode, rows in by_mode.items():
            with open(os.path.join(out, f"raptorlake_{kind}_{mode}.csv"), "w", newline="") as f:
                w = csv.writer(f)
                w.writerow(HEADER)
                w.writerows(rows)
            everything += rows
        print(f"raptorlake {kind}: {len(by_mode['forward'])} forward, {len(by_mode['backward'])} backward rows, "
              f"{skipped} failed measurements (-1) skipped", file=sys.stderr)
    with open(os.path.join(out, "raptorlake_all.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        w.writerows(everything)


if __name__ == "__main__":
    main()
