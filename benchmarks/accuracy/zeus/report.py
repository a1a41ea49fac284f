#!/usr/bin/env python3
"""Print the zeus-nsdi23 section of docs/accuracy.md and write one SVG per GPU.

Usage: report.py OUT_DIR SVG_DIR

Reads the CSVs of convert.py and the `tosim fit --json` outputs of zeus/run.sh from OUT_DIR; writes
SVG_DIR/zeus_<gpu>.svg: energy per epoch against batch size at the GPU's highest power limit, measured
(dots) and predicted out of fold by the best TO-based model (lines), one colour per workload.
"""
import csv
import json
import math
import os
import sys

GPUS = [("v100", "V100"), ("a40", "A40"), ("p100", "P100"), ("rtx6000", "Quadro RTX 6000")]
TO = ("to", "to-dynamic", "to-glitch", "to-inertial")
COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"]
HERE = os.path.dirname(os.path.abspath(__file__))


def f1(v):
    return "n/a" if v is None or (isinstance(v, float) and math.isnan(v)) else f"{v:.1f}"


def best(results, predictors, key="precision"):
    pool = [r for r in results if r["predictor"] in predictors]
    return max(pool, key=lambda r: r[key]) if pool else None


def best_cap_by_spread(data, predicted, spread=1.15):
    """Best-cap hits (predicted least-energy limit within one sweep step of the measured one), split by
    whether the configuration's measured energy varies by at least `spread` (max/min) across its limits:
    returns {"varied": [hits, n], "flat": [hits, n]}."""
    sweep = sorted({float(r["power_limit_w"]) for r in data})
    groups = {}
    for i, r in enumerate(data):
        groups.setdefault((r["model"], r["batch"], r["precision"], r["mode"], r["optimizer"]), []).append(i)
    result = {"varied": [0, 0], "flat": [0, 0]}
    for ix in groups.values():
        if len({data[i]["power_limit_w"] for i in ix}) < 2:
            continue
        energy = [float(data[i]["energy_j"]) for i in ix]
        kind = "varied" if max(energy) / min(energy) >= spread else "flat"
        measured = min(ix, key=lambda i: float(data[i]["energy_j"]))
        guess = min(ix, key=lambda i: predicted[i])
        a, b = sweep.index(float(data[measured]["power_limit_w"])), sweep.index(float(data[guess]["power_limit_w"]))
        result[kind][0] += abs(a - b) <= 1
        result[kind][1] += 1
    return result


def share(count):
    hits, n = count
    return f"{hits}/{n} ({100 * hits / n:.0f}%)" if n else "—"


def rows(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def svg(title, data, predicted):
    """Log-log energy (J) against batch; data rows and predictions in the same order."""
    w, h, left, right, top, bottom = 720, 460, 70, 200, 30, 50
    xs = [math.log10(float(r["batch"])) for r in data]
    ys = [math.log10(float(r["energy_j"])) for r in data] + [math.log10(p) for p in predicted if p > 0]
    x0, x1 = math.floor(min(xs)), math.ceil(max(xs))
    y0, y1 = math.floor(min(ys)), math.ceil(max(ys))
    if x1 == x0:
        x1 += 1
    if y1 == y0:
        y1 += 1

    def px(x):
        return left + (x - x0) / (x1 - x0) * (w - left - right)

    def py(y):
        return h - bottom - (y - y0) / (y1 - y0) * (h - top - bottom)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="12">',
           f'<rect width="{w}" height="{h}" fill="white"/>',
           f'<text x="{left}" y="18" font-size="14">{title}</text>']
    for e in range(x0, x1 + 1):
        out.append(f'<line x1="{px(e):.1f}" y1="{top}" x2="{px(e):.1f}" y2="{h - bottom}" stroke="#ddd"/>')
        out.append(f'<text x="{px(e):.1f}" y="{h - bottom + 16}" text-anchor="middle">{10 ** e:g}</text>')
    for e in range(y0, y1 + 1):
        out.append(f'<line x1="{left}" y1="{py(e):.1f}" x2="{w - right}" y2="{py(e):.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{left - 6}" y="{py(e) + 4:.1f}" text-anchor="end">1e{e}</text>')
    out.append(f'<text x="{(left + w - right) / 2}" y="{h - 12}" text-anchor="middle">batch size</text>')
    out.append(f'<text x="16" y="{(top + h - bottom) / 2}" transform="rotate(-90 16 {(top + h - bottom) / 2})" '
               f'text-anchor="middle">energy per epoch (J)</text>')
    workloads = []
    for r in data:
        if r["workload"] not in workloads:
            workloads.append(r["workload"])
    for k, name in enumerate(workloads):
        colour = COLOURS[k % len(COLOURS)]
        idx = sorted((i for i, r in enumerate(data) if r["workload"] == name), key=lambda i: int(data[i]["batch"]))
        for i in idx:
            out.append(f'<circle cx="{px(xs[i]):.1f}" cy="{py(math.log10(float(data[i]["energy_j"]))):.1f}" r="3" '
                       f'fill="{colour}"/>')
        line = " ".join(f"{px(xs[i]):.1f},{py(math.log10(predicted[i])):.1f}" for i in idx if predicted[i] > 0)
        out.append(f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="1.5"/>')
        out.append(f'<circle cx="{w - right + 14}" cy="{top + 10 + 18 * k}" r="4" fill="{colour}"/>')
        out.append(f'<text x="{w - right + 24}" y="{top + 14 + 18 * k}">{name}</text>')
    out.append(f'<text x="{w - right + 8}" y="{top + 24 + 18 * len(workloads)}">dots measured,</text>')
    out.append(f'<text x="{w - right + 8}" y="{top + 40 + 18 * len(workloads)}">lines predicted</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main():
    out, svg_dir = sys.argv[1], sys.argv[2]
    os.makedirs(svg_dir, exist_ok=True)
    print("## zeus-nsdi23: whole-model GPU training on V100, A40, P100 and Quadro RTX 6000\n")
    print(open(os.path.join(HERE, "assumptions.md")).read())
    cv_rows, lowo_rows, cap_rows = [], [], []
    for gpu, name in GPUS:
        data = rows(os.path.join(out, f"zeus_{gpu}_top.csv"))
        top = json.load(open(os.path.join(out, f"zeus_{gpu}_top.json")))["hardware"][0]
        allrows = json.load(open(os.path.join(out, f"zeus_{gpu}.json")))["hardware"][0]
        results = top["results"]
        bt, bm, bf = best(results, TO), best(results, ("macs",)), best(results, ("flops",))
        cv_rows.append((name, top["rows"], data[0]["power_limit_w"], bt, bm, bf, top.get("measured_time_ceiling")))
        lowo = top.get("leave_one_model_out", [])
        def mean(r):
            return sum(m["metrics"]["precision"] for m in r["per_model"]) / len(r["per_model"])
        lt = max((r for r in lowo if r["predictor"] in TO), key=mean)
        lm = max((r for r in lowo if r["predictor"] == "macs"), key=mean)
        lowo_rows.append((name, lt, lm, mean(lt), mean(lm)))
        caps = allrows.get("power_limits", [])
        ct = max((c for c in caps if c["predictor"] in TO), key=lambda c: c["metrics"]["precision"])
        cm = next(c for c in caps if c["predictor"] == "macs")
        spread = best_cap_by_spread(rows(os.path.join(out, f"zeus_{gpu}.csv")), ct["predictions"])
        cap_rows.append((name, allrows["rows"], ct, cm, spread))
        pred = next(r for r in top["predictions"] if r["predictor"] == bt["predictor"] and r["form"] == bt["form"])["values"]
        with open(os.path.join(svg_dir, f"zeus_{gpu}.svg"), "w") as f:
            f.write(svg(f"{name}, highest power limit: energy per epoch, measured and {bt['predictor']} {bt['form']} "
                        f"(5-fold CV)", data, pred))

    print("### Rows at each GPU's highest power limit (5-fold CV, seed 1)\n")
    print("| GPU | rows | limit (W) | best TO | best MAC | best FLOP | TO median APE | TO Spearman | MAC Spearman | "
          "measured-time ceiling | TO ≥ MAC − 0.5 | TO ≥ 85 |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|:-:|:-:|")
    for name, n, limit, bt, bm, bf, ceiling in cv_rows:
        print(f"| {name} | {n} | {limit} | {f1(bt['precision'])} ({bt['predictor']} {bt['form']}) | "
              f"{f1(bm['precision'])} ({bm['form']}) | {f1(bf['precision'])} | {f1(bt['median_ape'])} | "
              f"{bt['spearman']:.3f} | {bm['spearman']:.3f} | {f1(ceiling['precision']) if ceiling else 'n/a'} | "
              f"{'yes' if bt['precision'] >= bm['precision'] - 0.5 else 'no'} | {'yes' if bt['precision'] >= 85 else 'no'} |")
    print()
    for gpu, name in GPUS:
        print(f"{name}: energy per epoch against batch size, `benchmarks/accuracy/out/plots/zeus_{gpu}.svg`"
              " (written by run.sh, not committed).\n")

    print("### Leave one workload out (fit on five workloads, predict the sixth; highest power limit)\n")
    print("Mean over the six held-out workloads of the precision on that workload's rows, for the TO-based and the MAC")
    print("predictor × form with the best mean; then the precision on each held-out workload.\n")
    print("| GPU | TO (mean) | MAC (mean) | ≥ 70 | TO ≥ MAC | " + " | ".join(
        m["model"].split("/")[-1].replace(".onnx", "") for m in lowo_rows[0][1]["per_model"]) + " |")
    print("|---|---:|---:|:-:|:-:|" + "---:|" * len(lowo_rows[0][1]["per_model"]))
    for name, lt, lm, mt, mm in lowo_rows:
        per = " | ".join(f"{f1(a['metrics']['precision'])} / {f1(b['metrics']['precision'])}"
                         for a, b in zip(lt["per_model"], lm["per_model"]))
        print(f"| {name} | {f1(mt)} ({lt['predictor']} {lt['form']}) | {f1(mm)} ({lm['form']}) | "
              f"{'yes' if mt >= 70 else 'no'} | {'yes' if mt >= mm else 'no'} | {per} |")
    print("\n(per-workload cells: TO / MAC precision.)\n")

    print("### Power limits (all rows, physical form, 5-fold CV)\n")
    print("The energy model is fitted on the training rows at the highest limit, the cap model (static power P_s,")
    print("clock exponent β, knee clock below which dynamic power falls only in proportion to the clock) on all")
    print("training rows; held-out rows are predicted with the cap and, for comparison, by the same energy model")
    print("ignoring it. \"Best cap\" counts the (workload, batch, optimizer) configurations whose")
    print("least-energy limit is predicted within one sweep step of the measured one. Folds hold out whole")
    print("configurations, so every cap of one is predicted by the same fitted model. The last two columns split")
    print("the best-cap count by whether the configuration's measured energy varies by at least 15% (max/min)")
    print("across its limits; below that (host-bound runs whose GPU barely works) it moves by up to ±10% from cap")
    print("to cap without a trend, and which cap is lowest is chance.\n")
    print("| GPU | rows | TO with cap | TO ignoring cap | MAC with cap | MAC ignoring cap | best cap within 1 step (TO) | "
          "≥ 70% | P_s (W) | β | knee | best cap, varied ≥ 15% | best cap, flat |")
    print("|---|---:|---:|---:|---:|---:|---:|:-:|---:|---:|---:|---:|---:|")
    for name, n, ct, cm, spread in cap_rows:
        pct = 100 * ct["best_cap_hits"] / max(ct["best_cap_groups"], 1)
        print(f"| {name} | {n} | {f1(ct['metrics']['precision'])} ({ct['predictor']}) | "
              f"{f1(ct['ignoring_cap']['precision'])} | {f1(cm['metrics']['precision'])} | "
              f"{f1(cm['ignoring_cap']['precision'])} | {ct['best_cap_hits']}/{ct['best_cap_groups']} ({pct:.0f}%) | "
              f"{'yes' if pct >= 70 else 'no'} | {ct['static_power_w']:.1f} | {ct['clock_exponent']:.2f} | {ct.get('knee_clock', 0):.2f} | "
              f"{share(spread['varied'])} | {share(spread['flat'])} |")
    print()

    logo_path = os.path.join(out, "zeus_logo.json")
    if os.path.exists(logo_path):
        logo = json.load(open(logo_path)).get("leave_one_hardware_out", [])
        print("### Leave one GPU out (physical form, highest power limit, one scale factor)\n")
        print("Fitted on the three other GPUs' rows; one factor k, fitted on the held-out GPU's rows by relative least")
        print("squares, scales every prediction.\n")
        print("| held-out GPU | best TO | k | best MAC | k | TO Spearman | MAC Spearman |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        names = dict(GPUS)
        for gpu, _ in GPUS:
            mine = [r for r in logo if r["held_out"] == gpu]
            if not mine:
                continue
            t = max((r for r in mine if r["predictor"] in TO), key=lambda r: r["precision"])
            m = max((r for r in mine if r["predictor"] == "macs"), key=lambda r: r["precision"])
            print(f"| {names[gpu]} | {f1(t['precision'])} ({t['predictor']}) | {t['scale']:.3f} | {f1(m['precision'])} | "
                  f"{m['scale']:.3f} | {t['spearman']:.3f} | {m['spearman']:.3f} |")
        print()
    findings = os.path.join(HERE, "findings.md")
    if os.path.exists(findings):
        print(open(findings).read())


if __name__ == "__main__":
    main()
