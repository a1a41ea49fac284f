#!/usr/bin/env python3
"""Analysis of the SPICE validation benchmark (benchmarks/spice/run.sh).

For each design: reads the deck tosim wrote (`*.TOSIM` annotations with
tosim's TO columns on the deck's vectors, `*.EXPECT` lines) and ngspice's
log (`.meas` results) and waveforms (`wrdata`), checks every sampled output
bit against the expected arithmetic, and derives energy per operation (the
unit's supply, the input drivers' supply, and the drivers' own share measured
on unloaded replicas, so that the charge the unit's input pins draw is the
difference), leakage and settle time. Then
fits one proportional coefficient per TO column (through zero, least
relative error) and writes results JSON, a Markdown report and an SVG plot.
Standard library only.
"""
import argparse
import json
import math
import os
import re
import sys

TO_COLUMNS = ["to_dynamic", "to_glitch", "transistors"]
# Timed counts (TimingSimulator with drive/load delays), when the decks carry them.
TIMED_COLUMNS = ["to_inertial_rc", "to_inertial_load", "to_transport_rc", "to_transport_load"]
PER_VECTOR = ["to_dynamic", "to_glitch", "to_inertial_rc"]
# The energies each column is fitted to: the unit's own supply; the unit plus
# the charge its input pins draw (what a TO column counts: it includes the
# gates the inputs drive); the unit plus its drivers, drivers' own load included.
TARGETS = {"energy_unit_fJ": "unit supply only",
           "energy_unit_inputs_fJ": "unit supply + the charge its input pins draw",
           "energy_total_fJ": "unit + input drivers"}
# What ngspice measured; --reuse takes these from an earlier results.json.
SPICE_FIELDS = ["energy_unit_fJ", "energy_drivers_fJ", "energy_total_fJ", "energy_driver_self_fJ",
                "energy_inputs_fJ", "energy_unit_inputs_fJ", "energy_unit_inputs_per_transition_fJ",
                "leakage_nW", "leakage_per_op_fJ",
                "settle_max_ps", "settle_mean_ps", "energy_per_transition_fJ", "samples", "missing_samples",
                "ambiguous_samples", "mismatches", "first_mismatches"]


def parse_deck(path):
    info, expect = {}, []
    with open(path) as f:
        for line in f:
            if line.startswith("*.TOSIM "):
                for pair in line[8:].split():
                    key, _, value = pair.partition("=")
                    info[key] = value
            elif line.startswith("*.EXPECT "):
                left, right = line[9:].split(" -> ")
                fields = left.split()
                expect.append(([int(v, 16) for v in fields[1:]], [int(v, 16) for v in right.split()]))
    info["outputs"] = [bus.split(",") for bus in info["outputs"].split(";")]
    return info, expect


def parse_log(path):
    meas = {}
    if not os.path.exists(path):
        return meas
    pattern = re.compile(r"^(\w+)\s+=\s+([-+0-9.eE]+)")
    with open(path, errors="replace") as f:
        for line in f:
            m = pattern.match(line)
            if m:
                meas[m.group(1).lower()] = float(m.group(2))
    return meas


def parse_waves(path):
    if not os.path.exists(path):
        return None, []
    with open(path) as f:
        header = f.readline().split()
        rows = [list(map(float, line.split())) for line in f if line.strip()]
    return header, rows


def settle_times(header, rows, period, count, supply):
    """Per transition k (1..count-1): time from the edge at k*period to the
    last 50 % crossing of any output in that period."""
    if not rows:
        return []
    outputs = [i for i, name in enumerate(header) if name.startswith("v(")]
    half = supply / 2
    last = {}
    for prev, row in zip(rows, rows[1:]):
        t = row[0]
        k = int(t // period)
        if k < 1 or k >= count:
            continue
        for i in outputs:
            if (prev[i] - half) * (row[i] - half) < 0:
                # interpolate the crossing
                frac = (half - prev[i]) / (row[i] - prev[i])
                tc = prev[0] + frac * (t - prev[0])
                last[k] = max(last.get(k, k * period), tc)
    return [last.get(k, k * period) - k * period for k in range(1, count)]


def pearson(x, y):
    n = len(x)
    mx, my = sum(x) / n, sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    return sxy / math.sqrt(sxx * syy) if sxx > 0 and syy > 0 else float("nan")


def ranks(values):
    order = sorted(range(len(values)), key=lambda i: values[i])
    r = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            r[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return r


def spearman(x, y):
    return pearson(ranks(x), ranks(y))


def proportional_fit(x, y):
    """k minimising sum((k x / y - 1)^2): the single coefficient through zero
    with the least relative error; returns k, max |error|, rms error."""
    ratios = [a / b for a, b in zip(x, y)]
    k = sum(ratios) / sum(r * r for r in ratios)
    errors = [k * r - 1 for r in ratios]
    return k, max(abs(e) for e in errors), math.sqrt(sum(e * e for e in errors) / len(errors)), errors


def tosim_columns(info):
    """tosim's columns from a deck's annotations."""
    out = {
        "design": info["unit"],
        "vectors": int(info["vectors"]),
        "period_s": float(info["period"]),
        "transistors": int(info["transistors"]),
        "depth": int(info["depth"]),
        "to_dynamic": float(info["to_dynamic"]),
        "to_dynamic_std": float(info["to_dynamic_std"]),
        "to_glitch": float(info["to_glitch"]),
        **{k: float(v) for k, v in info.items() if k.startswith("cap_") or k.startswith("fanout_")},
        **{k: float(info[k]) for k in TIMED_COLUMNS if k in info},
    }
    per_vector = {k: [int(v) for v in info[k + "_per_vector"].split(",") if v]
                  for k in PER_VECTOR if k + "_per_vector" in info}
    if per_vector:
        out["per_vector"] = per_vector
    return out


def reuse_design(work, base, old):
    """tosim's columns from a freshly exported deck, ngspice's numbers from
    the earlier run `old` (same design, vectors and counts, or it fails)."""
    info, _ = parse_deck(os.path.join(work, base + ".sp"))
    d = tosim_columns(info)
    previous = old.get(d["design"])
    if previous is None:
        raise SystemExit(f"FAILED: {d['design']} is not in the reused results")
    for key in ("vectors", "period_s", "transistors", "to_dynamic", "to_glitch"):
        if abs(previous[key] - d[key]) > 1e-9 * max(1, abs(d[key])):
            raise SystemExit(f"FAILED: {d['design']}: {key} {d[key]} differs from the reused run's {previous[key]}: "
                             "not the same vectors or circuit")
    d.update({k: previous[k] for k in SPICE_FIELDS if k in previous})
    return d


def analyse_design(work, base):
    info, expect = parse_deck(os.path.join(work, base + ".sp"))
    meas = parse_log(os.path.join(work, base + ".log"))
    n = int(info["vectors"])
    period, supply = float(info["period"]), float(info["supply"])
    nodes = [node for bus in info["outputs"] for node in bus]
    mismatches, ambiguous, missing = [], 0, 0
    for k, (inputs, outputs) in enumerate(expect):
        for bus, value in zip(info["outputs"], outputs):
            for bit, node in enumerate(bus):
                v = meas.get(f"s{k}_{node}".lower())
                if v is None:
                    missing += 1
                    continue
                if 0.2 * supply < v < 0.8 * supply:
                    ambiguous += 1
                if (v > supply / 2) != bool(value >> bit & 1):
                    mismatches.append(f"vector {k} {node}: expected {value >> bit & 1}, SPICE {v:.3f} V")
    header, rows = parse_waves(os.path.join(work, base + ".wave"))
    settles = settle_times(header, rows, period, n, supply)
    ops = n - 1
    e_unit = -supply * meas["q_unit"] / ops if "q_unit" in meas else float("nan")
    e_drv = -supply * meas["q_drv"] / ops if "q_drv" in meas else float("nan")
    leak_power = -supply * meas.get("i_leak", float("nan"))
    e_ref = -supply * meas["q_ref"] / ops if "q_ref" in meas else float("nan")
    per_transition = [-supply * meas[f"q_unit_{k}"] for k in range(1, n) if f"q_unit_{k}" in meas]
    # The unit's own supply plus the charge its input pins draw from the
    # drivers (the drivers' supply less what their unloaded replicas draw).
    per_transition_inputs = [-supply * (meas[f"q_unit_{k}"] + meas[f"q_drv_{k}"] - meas[f"q_ref_{k}"])
                             for k in range(1, n) if f"q_ref_{k}" in meas]
    return {
        **tosim_columns(info),
        "energy_unit_fJ": e_unit * 1e15,
        "energy_drivers_fJ": e_drv * 1e15,
        "energy_total_fJ": (e_unit + e_drv) * 1e15,
        "energy_driver_self_fJ": e_ref * 1e15,
        "energy_inputs_fJ": (e_drv - e_ref) * 1e15,
        "energy_unit_inputs_fJ": (e_unit + e_drv - e_ref) * 1e15,
        "energy_unit_inputs_per_transition_fJ": [e * 1e15 for e in per_transition_inputs],
        "leakage_nW": leak_power * 1e9,
        "leakage_per_op_fJ": leak_power * period * 1e15,
        "settle_max_ps": max(settles) * 1e12 if settles else None,
        "settle_mean_ps": sum(settles) / len(settles) * 1e12 if settles else None,
        "energy_per_transition_fJ": [e * 1e15 for e in per_transition],
        "samples": n * len(nodes) - missing,
        "missing_samples": missing,
        "ambiguous_samples": ambiguous,
        "mismatches": len(mismatches),
        "first_mismatches": mismatches[:5],
    }


def fits(designs, target, columns):
    out = {}
    y = [d[target] for d in designs]
    for column in columns:
        if not all(column in d for d in designs):
            continue
        x = [d[column] for d in designs]
        k, max_err, rms, errors = proportional_fit(x, y)
        out[column] = {
            "pearson": pearson(x, y), "spearman": spearman(x, y), "fJ_per_unit": k,
            "max_error": max_err, "rms_error": rms,
            "errors": {d["design"]: e for d, e in zip(designs, errors)},
        }
    return out


def add_derived(designs):
    """Capacitance-weighted prototypes (needs the cap_* annotations): gate +
    diffusion, zero-delay (cap_zd_fF) and unit-delay (cap_ud_fF)."""
    if not all("cap_gate_fF" in d for d in designs):
        return []
    for d in designs:
        d["cap_zd_fF"] = d["cap_gate_fF"] + d["cap_diffusion_fF"]
        d["cap_ud_fF"] = d["cap_gate_glitch_fF"] + d["cap_diffusion_glitch_fF"]
    columns = ["cap_gate_fF", "cap_zd_fF", "cap_ud_fF"]
    if all("cap_inertial_gate_fF" in d for d in designs):
        # Inertial RC transitions weighted by capacitance: the cell nodes'
        # own (cap_in_cells), and with the gates the inputs drive (cap_in).
        for d in designs:
            d["cap_in_cells_fF"] = d["cap_inertial_gate_fF"] + d["cap_inertial_diffusion_fF"]
            d["cap_in_fF"] = d["cap_in_cells_fF"] + d["cap_inertial_input_gate_fF"] + d["cap_inertial_input_diffusion_fF"]
        columns += ["cap_in_cells_fF", "cap_in_fF"]
    return columns


def search(designs, make, grid):
    """The grid value whose column (make(d, value)) has the least max error
    of one proportional coefficient over `designs`."""
    best = None
    for value in grid:
        x = [make(d, value) for d in designs]
        _, max_err, rms, _ = proportional_fit(x, [d["energy_unit_fJ"] for d in designs])
        if best is None or max_err < best[1]:
            best = (value, max_err, rms)
    return best


def add_fitted(designs):
    """Columns with one parameter fitted on all designs (stated in the
    report): a blend of to_dynamic and to_glitch, a blend of the zero- and
    unit-delay switched capacitance, and that blend plus a wire term per
    fan-out toggle."""
    notes, columns = {}, []
    grid = [i / 100 for i in range(101)]
    a, _, _ = search(designs, lambda d, v: v * d["to_dynamic"] + (1 - v) * d["to_glitch"], grid)
    for d in designs:
        d["to_blend"] = a * d["to_dynamic"] + (1 - a) * d["to_glitch"]
    notes["to_blend"] = f"{a:.2f}·to_dynamic + {1 - a:.2f}·to_glitch (weight fitted on all designs)"
    columns.append("to_blend")
    if all("cap_zd_fF" in d for d in designs):
        b, _, _ = search(designs, lambda d, v: v * d["cap_zd_fF"] + (1 - v) * d["cap_ud_fF"], grid)
        for d in designs:
            d["cap_blend_fF"] = b * d["cap_zd_fF"] + (1 - b) * d["cap_ud_fF"]
        notes["cap_blend_fF"] = f"{b:.2f}·cap_zd + {1 - b:.2f}·cap_ud (weight fitted on all designs)"
        wires = [i * 0.1 for i in range(0, 51)]

        def wired(d, w):
            return (b * (d["cap_zd_fF"] + w * d["fanout_toggles"])
                    + (1 - b) * (d["cap_ud_fF"] + w * d["fanout_glitch_toggles"]))
        w, _, _ = search(designs, wired, wires)
        for d in designs:
            d["cap_blend_wire_fF"] = wired(d, w)
        notes["cap_blend_wire_fF"] = f"cap_blend + {w:.1f} fF per fan-out toggle (wire term fitted on all designs)"
        columns += ["cap_blend_fF", "cap_blend_wire_fF"]
    return columns, notes


def per_vector_correlation(designs, energy="energy_per_transition_fJ"):
    """Per design, Pearson r between each per-transition TO column and the
    SPICE energy of the same transitions (`energy`: q_unit_k, or with the
    charge the inputs draw)."""
    out = {}
    for column in PER_VECTOR:
        rs = {}
        for d in designs:
            x = d.get("per_vector", {}).get(column)
            y = d.get(energy)
            if x and y and len(x) == len(y) and len(y) > 2:
                rs[d["design"]] = pearson(x, y)
        if rs:
            out[column] = rs
    return out


def family(design):
    name = design["design"]
    return name.split(":")[0]


def svg_plot(designs, column, target, path):
    width, height, margin = 640, 420, 60
    xs = [d[column] for d in designs]
    ys = [d[target] for d in designs]
    xmax, ymax = max(xs) * 1.1, max(ys) * 1.1
    k, _, _, _ = proportional_fit(xs, ys)

    def px(x):
        return margin + x / xmax * (width - 2 * margin)

    def py(y):
        return height - margin - y / ymax * (height - 2 * margin)

    colours = {"int8.add": "#1f77b4", "int4.mul": "#d62728", "int6.mul": "#2ca02c"}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="11">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<line x1="{margin}" y1="{height - margin}" x2="{width - margin}" y2="{height - margin}" stroke="black"/>',
        f'<line x1="{margin}" y1="{margin}" x2="{margin}" y2="{height - margin}" stroke="black"/>',
        f'<text x="{width / 2}" y="{height - 20}" text-anchor="middle">tosim {column} per operation</text>',
        f'<text x="15" y="{height / 2}" transform="rotate(-90 15 {height / 2})" text-anchor="middle">'
        f"SPICE energy per operation, {TARGETS[target]} (fJ)</text>",
        f'<text x="{width / 2}" y="25" text-anchor="middle" font-size="13">sky130 tt 1.8 V: SPICE energy vs {column}'
        f" (line: one coefficient, {k:.3g} fJ per unit)</text>",
        f'<line x1="{px(0)}" y1="{py(0)}" x2="{px(xmax)}" y2="{py(xmax * k)}" stroke="#888" stroke-dasharray="4 3"/>',
    ]
    for tick in range(0, 6):
        xv, yv = xmax * tick / 5, ymax * tick / 5
        parts.append(f'<text x="{px(xv)}" y="{height - margin + 15}" text-anchor="middle">{xv:.0f}</text>')
        parts.append(f'<text x="{margin - 5}" y="{py(yv) + 4}" text-anchor="end">{yv:.0f}</text>')
    for d in designs:
        c = colours.get(family(d), "black")
        parts.append(f'<circle cx="{px(d[column]):.1f}" cy="{py(d[target]):.1f}" r="4" fill="{c}">'
                     f'<title>{d["design"]}</title></circle>')
        label = d["design"].split(":")[1]
        parts.append(f'<text x="{px(d[column]) + 6:.1f}" y="{py(d[target]) - 4:.1f}" font-size="9" fill="{c}">{label}</text>')
    for i, (name, c) in enumerate(colours.items()):
        parts.append(f'<circle cx="{margin + 20}" cy="{margin + 15 * i}" r="4" fill="{c}"/>'
                     f'<text x="{margin + 30}" y="{margin + 4 + 15 * i}">{name}</text>')
    parts.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(parts) + "\n")


def markdown(result, svg_name):
    designs = result["designs"]
    lines = [
        "# SPICE validation of the TO columns",
        "",
        "Generated by [benchmarks/spice/run.sh](../benchmarks/spice/run.sh) (analysis:",
        "[analyze.py](../benchmarks/spice/analyze.py)); deck conventions in [spice.md](spice.md).",
        "",
        f"Process: {result['pdk']}. {result['ngspice']}. Seed {result['seed']}, uniform operands; "
        f"{result['elapsed_s']} s wall for the whole run on {result['jobs']} parallel ngspice jobs.",
        "Each design is exported by `tosim export spice --testbench`; every input bit is driven by two library",
        "inverters on their own supply (VDRV), beside an unloaded replica of them on a third supply (VREF), and",
        "every output carries 5 fF. Energy per operation is the supply charge over the N−1 transitions × 1.8 V /",
        "(N−1); the charge the unit's input pins draw is VDRV's less VREF's. tosim's TO columns count the gates",
        "the inputs drive, so the energy they are meant to predict is the unit's supply plus that charge; the",
        "unit's supply alone and unit + drivers (their own load included) are fitted too. tosim's TO columns are",
        "measured on exactly the same vectors.",
        "The sky130 nfet/pfet cards are read with their binned models hoisted out of the device subcircuits",
        "([sky130_fast.py](../benchmarks/spice/sky130_fast.py)); on a 4-bit ripple-carry deck this gave the same",
        "supply charge to 6 digits and the same output samples as `.lib sky130.lib.spice tt`, at a fifth of the run time.",
        "Vector counts are small (run time on a shared 2-core machine), so per-design energies carry sampling noise",
        "of a few per cent; the TO columns see exactly the same vectors, so the comparison does not.",
        "",
        f"**Functional check: {result['mismatches']} mismatches in {result['samples']} sampled output bits**"
        f" ({result['ambiguous_samples']} samples between 20 % and 80 % of the supply).",
        "",
        "| design | vectors | period ps | transistors | to_dynamic | to_glitch | to_inertial_rc | E unit fJ/op | "
        "E drivers fJ/op | of which inputs | leakage nW | settle max ps | fJ per to_dynamic | fJ per to_glitch |"
        + (" cap_zd fF | cap_ud fF |" if "cap_zd_fF" in designs[0] else ""),
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|" + ("---|---|" if "cap_zd_fF" in designs[0] else ""),
    ]
    for d in designs:
        row = (f"| {d['design']} | {d['vectors']} | {d['period_s'] * 1e12:.0f} | {d['transistors']} | "
               f"{d['to_dynamic']:.1f} | {d['to_glitch']:.1f} | {d.get('to_inertial_rc', float('nan')):.1f} | "
               f"{d['energy_unit_fJ']:.1f} | {d['energy_drivers_fJ']:.1f} | {d.get('energy_inputs_fJ', float('nan')):.1f} | "
               f"{d['leakage_nW']:.1f} | {d['settle_max_ps'] or 0:.0f} | {d['energy_unit_fJ'] / d['to_dynamic']:.2f} | "
               f"{d['energy_unit_fJ'] / d['to_glitch']:.2f} |")
        if "cap_zd_fF" in d:
            row += f" {d['cap_zd_fF']:.1f} | {d['cap_ud_fF']:.1f} |"
        lines.append(row)
    for target, title in TARGETS.items():
        if target not in result["fits"]:
            continue
        lines += ["", f"## One coefficient per TO column, energy = {title}", ""]
        for group, members in result["groups"].items():
            lines += [f"### {group} ({len(members)} designs)", "",
                      "| column | Pearson r | Spearman ρ | fJ per unit | max error | rms error |", "|---|---|---|---|---|---|"]
            for column, f in result["fits"][target][group].items():
                lines.append(f"| {column} | {f['pearson']:.3f} | {f['spearman']:.3f} | {f['fJ_per_unit']:.3g} | "
                             f"{f['max_error'] * 100:.1f}% | {f['rms_error'] * 100:.1f}% |")
            lines.append("")
    if result["unfinished"]:
        lines += [f"**Not finished (no ngspice results): {', '.join(result['unfinished'])}.**", ""]
    lines += ["Columns with a fitted parameter (one more than the coefficient, fitted on all designs):", ""]
    lines += [f"* `{c}` = {text}" for c, text in result["fitted_columns"].items()]
    lines += ["", f"![SPICE energy ({TARGETS[result['plotted_target']]}) against {result['plotted']}]({svg_name})", ""]
    for key, energy in [("per_vector", "the unit's supply charge in that period, `q_unit_k`"),
                        ("per_vector_unit_inputs", "with the charge the inputs draw, `q_unit_k + q_drv_k − q_ref_k`")]:
        if not result.get(key):
            continue
        table = result[key]
        columns = list(table)
        lines += [f"## Vector by vector ({'unit supply' if key == 'per_vector' else 'unit + inputs'})", "",
                  "Pearson r, per design, between tosim's switched gates of each transition and the SPICE energy of",
                  f"the same transition ({energy}):", "",
                  "| design | " + " | ".join(columns) + " |", "|---|" + "---|" * len(columns)]
        for d in designs:
            lines.append(f"| {d['design']} | " + " | ".join(
                f"{table[c].get(d['design'], float('nan')):.3f}" for c in columns) + " |")
        means = [sum(table[c].values()) / len(table[c]) for c in columns]
        lines += ["| mean | " + " | ".join(f"{m:.3f}" for m in means) + " |", ""]
    if result.get("reused"):
        lines += [f"SPICE numbers reused from {result['reused']} (the same decks' ngspice run); tosim's columns recomputed "
                  "from freshly exported decks on the same vectors (checked: same vector counts, to_dynamic and to_glitch).", ""]
    if "notes" in result:
        lines += result["notes"]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("work")
    parser.add_argument("--decks", required=True)
    parser.add_argument("--json")
    parser.add_argument("--markdown")
    parser.add_argument("--svg")
    parser.add_argument("--elapsed", type=int, default=0)
    parser.add_argument("--pdk", default="")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--ngspice", default="ngspice")
    parser.add_argument("--findings", help="a Markdown file appended to the report (hand-written conclusions)")
    parser.add_argument("--reuse", help="take ngspice's numbers from this earlier results.json (decks exported afresh, "
                        "no ngspice run): recomputes tosim's columns only")
    parser.add_argument("--partial", action="store_true",
                        help="report designs whose ngspice run has not finished as unfinished instead of failing")
    args = parser.parse_args()
    bases = [line.strip() for line in open(args.decks) if line.strip()]
    reused = None
    if args.reuse:
        reused = json.load(open(args.reuse))
        old = {d["design"]: d for d in reused["designs"]}
        unfinished = []
        designs = [reuse_design(args.work, b, old) for b in bases]
        for key in ("pdk", "ngspice", "elapsed_s", "jobs"):
            setattr(args, {"elapsed_s": "elapsed"}.get(key, key), reused[key])
    else:
        unfinished = [b for b in bases if "q_unit" not in parse_log(os.path.join(args.work, b + ".log"))]
        if unfinished and not args.partial:
            print(f"FAILED: no ngspice results for {', '.join(unfinished)}", file=sys.stderr)
            return 1
        designs = [analyse_design(args.work, b) for b in bases if b not in unfinished]
    groups = {
        "adders (8 bit)": [d for d in designs if ".add:" in d["design"]],
        "multipliers (4 bit)": [d for d in designs if d["design"].startswith("int4.mul")],
        "multipliers (6 bit)": [d for d in designs if d["design"].startswith("int6.mul")],
        "all": designs,
    }
    groups = {k: v for k, v in groups.items() if len(v) >= 2}
    columns = TO_COLUMNS + [c for c in TIMED_COLUMNS if all(c in d for d in designs)] + add_derived(designs)
    fitted, fitted_notes = add_fitted(designs)
    columns += fitted
    result = {
        "pdk": args.pdk,
        "ngspice": args.ngspice,
        "seed": 1,
        "elapsed_s": args.elapsed,
        "jobs": args.jobs,
        "samples": sum(d["samples"] for d in designs),
        "mismatches": sum(d["mismatches"] for d in designs),
        "ambiguous_samples": sum(d["ambiguous_samples"] for d in designs),
        "missing_samples": sum(d["missing_samples"] for d in designs),
        "unfinished": unfinished,
        "designs": designs,
        "fitted_columns": fitted_notes,
        "per_vector": per_vector_correlation(designs),
        "per_vector_unit_inputs": per_vector_correlation(designs, "energy_unit_inputs_per_transition_fJ"),
        "plotted": "to_inertial_rc" if all("to_inertial_rc" in d for d in designs) else "to_dynamic",
        "plotted_target": "energy_unit_inputs_fJ" if all("energy_unit_inputs_fJ" in d for d in designs)
        else "energy_unit_fJ",
        **({"reused": "the committed results.json"} if reused else {}),
        "groups": {k: [d["design"] for d in v] for k, v in groups.items()},
        "fits": {target: {g: fits(v, target, columns) for g, v in groups.items()}
                 for target in TARGETS if all(target in d for d in designs)},
    }
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, indent=1)
            f.write("\n")
    if args.svg:
        svg_plot(designs, result["plotted"], result["plotted_target"], args.svg)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(markdown(result, os.path.basename(args.svg or "")))
            if args.findings and os.path.exists(args.findings):
                f.write("\n" + open(args.findings).read())
    for d in designs:
        print(f"{d['design']:28} E_unit {d['energy_unit_fJ']:8.1f} fJ  drivers {d['energy_drivers_fJ']:7.1f} fJ  "
              f"to_dyn {d['to_dynamic']:7.1f}  to_gl {d['to_glitch']:7.1f}  settle {d['settle_max_ps'] or 0:5.0f} ps  "
              f"mismatches {d['mismatches']}")
    for g, fs in result["fits"]["energy_unit_fJ"].items():
        for c, f in fs.items():
            print(f"{g:22} {c:18} r={f['pearson']:.3f} max={f['max_error'] * 100:.1f}% rms={f['rms_error'] * 100:.1f}%")
    bad = result["mismatches"] + result["missing_samples"]
    if bad:
        print(f"FAILED: {result['mismatches']} mismatches, {result['missing_samples']} missing samples", file=sys.stderr)
        for d in designs:
            for m in d["first_mismatches"]:
                print(f"  {d['design']}: {m}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
