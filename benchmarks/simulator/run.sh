#!/usr/bin/env bash
# Simulator throughput on a netlist no simulator can shortcut: tosim's
# WordSimulator (zero-delay with toggle counting on one core and on two,
# per-vector switched gates, unit-delay with glitch counting) against ABC's
# `&sim` (yosys-abc, on an AIG with one AND-inverter graph per cell node, read
# with `&r -s` so no node is merged) and Verilator (default, and with
# `-fno-dfg -fno-dedup`), plus real generator units and a register-only
# kernel giving this machine's peak bitwise throughput. Everything runs in
# one sequential run with interleaved rounds; medians are reported.
#
#   benchmarks/simulator/run.sh [CELLS] [VECTORS] [ROUNDS] [BASE_BENCHMARK]
#
# BASE_BENCHMARK, when given, is another build of SimulatorBenchmark (e.g.
# of an older revision) measured in the same rounds, for before/after
# numbers; NEW_BENCHMARK names an already built one to use instead of
# building this package. PEER_VECTORS (default VECTORS) sets the vectors for Verilator;
# UNIT_VECTORS (default VECTORS/4) those for the generator units. Missing
# peers are installed from Debian packages (yosys ships yosys-abc); a peer
# that still cannot run is listed as skipped with the reason. Writes
# results.json next to this script and the table in docs/performance.md
# between the simulator-benchmark markers.
set -euo pipefail
cd "$(dirname "$0")"
CELLS=${1:-100000}
VECTORS=${2:-1048576}
ROUNDS=${3:-3}
BASE=${4:-}
PEER_VECTORS=${PEER_VECTORS:-$VECTORS}
UNIT_VECTORS=${UNIT_VECTORS:-$((VECTORS / 4))}
UNITS=${UNITS:-"int64.mul:booth-dadda fp32.mul fp32.add int64.add:kogge-stone"}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
SKIPPED="$WORK/skipped.txt"
: >"$SKIPPED"

need() {  # need TOOL PACKAGE: install from Debian when missing, else record a skip.
  command -v "$1" >/dev/null && return 0
  if command -v apt-get >/dev/null; then
    (apt-get install -y -qq "$2" || (apt-get update -qq && apt-get install -y -qq "$2")) >/dev/null 2>&1 || true
  fi
  command -v "$1" >/dev/null && return 0
  echo "$1: not installed and apt-get install $2 failed" >>"$SKIPPED"
  return 1
}
HAVE_ABC=0; need yosys-abc yosys && HAVE_ABC=1
HAVE_VERILATOR=0; need verilator verilator && HAVE_VERILATOR=1

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load: $(cut -d' ' -f1-3 /proc/loadavg)"
NEW=${NEW_BENCHMARK:-}
if [ -z "$NEW" ]; then swift build -c release >/dev/null; NEW=.build/release/SimulatorBenchmark; fi
now() { date +%s.%N; }
elapsed() { python3 -c "print($2 - $1)"; }

# Exports of the random netlist (the seed fixes it, so every binary builds the same one).
"$NEW" --cells "$CELLS" --vectors 32768 --modes zero --verilog "$WORK/bench.v" --aiger "$WORK/bench.aag" \
  --json "$WORK/export.json" | tee "$WORK/export.log"
AIG_ANDS=$(sed -n 's/^aiger: \([0-9]*\) AND nodes.*/\1/p' "$WORK/export.log")

# VERILATOR_DIR keeps the Verilator builds between runs; a build is reused
# only when it was made from an identical bench.v; VERILATOR_BUILD=no skips
# (and reports) a variant with no finished build instead of building it.
VERILATOR_DIR=${VERILATOR_DIR:-$WORK/verilator}
mkdir -p "$VERILATOR_DIR"
if [ "$HAVE_VERILATOR" = 1 ]; then
  for variant in default nodedup; do
    flags=""; [ "$variant" = nodedup ] && flags="-fno-dfg -fno-dedup"
    dir="$VERILATOR_DIR/obj-$variant"
    if [ -x "$dir/Vbench" ] && cmp -s "$dir/bench.v" "$WORK/bench.v" && [ -f "$dir/build-seconds" ]; then
      echo "verilator ($variant): reusing the build in $dir"
      continue
    fi
    if [ "${VERILATOR_BUILD:-yes}" = no ]; then
      echo "verilator ($variant): no finished build in $dir and VERILATOR_BUILD=no" >>"$SKIPPED"; continue
    fi
    rm -rf "$dir"; mkdir -p "$dir"; cp "$WORK/bench.v" "$dir/bench.v"
    start=$(now)
    # shellcheck disable=SC2086
    if verilator --binary -O3 --x-assign fast $flags -Wno-fatal -Wno-lint -Wno-style -j "$(nproc)" \
      --top-module bench -Mdir "$dir" "$dir/bench.v" >"$WORK/verilator-$variant.log" 2>&1; then
      elapsed "$start" "$(now)" >"$dir/build-seconds"
    else
      echo "verilator ($variant): build failed: $(tail -c 300 "$WORK/verilator-$variant.log" | tr '\n' ' ')" >>"$SKIPPED"
    fi
  done
fi

# ABC: &sim -F frames -W words simulates frames × words × 32 patterns.
ABC_WORDS=$((VECTORS / 32 / 32))
abc_run() {  # abc_run FRAMES WORDS: seconds for read + simulate
  local start end
  start=$(now)
  yosys-abc -q "&r -s $WORK/bench.aag; &sim -F $1 -W $2" >"$WORK/abc.log" 2>&1
  end=$(now)
  elapsed "$start" "$end"
}

: >"$WORK/rounds.jsonl"
for round in $(seq 1 "$ROUNDS"); do
  for side in new base; do
    bin=$NEW; [ "$side" = base ] && bin=$BASE
    [ -z "$bin" ] && continue
    echo "round $round: tosim ($side), load $(cut -d' ' -f1 /proc/loadavg)"
    peak=""; [ "$side" = new ] && peak="--peak"
    # shellcheck disable=SC2086
    "$bin" --cells "$CELLS" --vectors "$VECTORS" --modes zero,zero2,pervector,unit $peak --json "$WORK/t.json"
    python3 -c "import json,sys;[print(json.dumps(dict(r,side='$side',round=$round,load=float(open('/proc/loadavg').read().split()[0])))) for r in json.load(open('$WORK/t.json'))]" >>"$WORK/rounds.jsonl"
    for unit in $UNITS; do
      "$bin" --unit "$unit" --vectors "$UNIT_VECTORS" --modes zero,pervector,unit --json "$WORK/u.json"
      python3 -c "import json;[print(json.dumps(dict(r,side='$side',round=$round))) for r in json.load(open('$WORK/u.json'))]" >>"$WORK/rounds.jsonl"
    done
  done
  if [ "$HAVE_ABC" = 1 ]; then
    read_s=$(abc_run 1 1)
    total_s=$(abc_run 32 "$ABC_WORDS")
    if grep -qi "cannot\|asserted\|bug detected in\|failed" "$WORK/abc.log" || ! grep -q "No bug detected" "$WORK/abc.log"; then
      echo "yosys-abc &sim: $(head -c 300 "$WORK/abc.log" | tr '\n' ' ')" >>"$SKIPPED"; HAVE_ABC=0
    else
      # ABC's own simulation time ("Time = ... sec"), and the process wall time less reading.
      sim_s=$(sed -n 's/.*Time = *\([0-9.]*\) sec.*/\1/p' "$WORK/abc.log" | tail -1)
      echo "{\"tool\": \"abc\", \"round\": $round, \"seconds\": ${sim_s:-0}, \"wall_less_read_seconds\": $(python3 -c "print(max(1e-9, $total_s - $read_s))"), \"read_seconds\": $read_s, \"vectors\": $((32 * ABC_WORDS * 32)), \"and_nodes\": $AIG_ANDS}" >>"$WORK/rounds.jsonl"
      echo "round $round: abc &sim ${sim_s:-?} s by its own clock, $total_s s wall (read $read_s s)"
    fi
  fi
  for variant in default nodedup; do
    dir="$VERILATOR_DIR/obj-$variant"
    [ -f "$dir/build-seconds" ] || continue
    start=$(now); "$dir/Vbench" "+vectors=$PEER_VECTORS" >"$WORK/verilator-run.log"; end=$(now)
    echo "{\"tool\": \"verilator-$variant\", \"round\": $round, \"seconds\": $(elapsed "$start" "$end"), \"vectors\": $PEER_VECTORS, \"build_seconds\": $(cat "$dir/build-seconds")}" >>"$WORK/rounds.jsonl"
    echo "round $round: verilator ($variant) $(elapsed "$start" "$end") s: $(grep done "$WORK/verilator-run.log")"
  done
done

python3 - "$WORK/rounds.jsonl" "$WORK/export.json" "$SKIPPED" "$CELLS" <<'PY'
import json, statistics, subprocess, sys, re, os
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
export = json.load(open(sys.argv[2]))[0]
skipped = [l.strip() for l in open(sys.argv[3]) if l.strip()]
cells = export["cells"]
def med(xs): return statistics.median(xs) if xs else None
summary = {"machine": {"cores": os.cpu_count(), "cpu": next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?"),
                       "load_at_end": open("/proc/loadavg").read().split()[:3]},
           "random_netlist": {k: export[k] for k in ("cells", "nodes", "depth", "nodes_per_cell")},
           "tosim": {}, "units": {}, "peers": {}, "skipped": skipped}
peak = med([r["gate_lanes_per_second"] for r in rows if r.get("mode") == "peak"])
peak2 = med([r["gate_lanes_per_second_two_cores"] for r in rows if r.get("mode") == "peak"])
summary["peak"] = {"gate_lanes_per_second": peak, "gate_lanes_per_second_two_cores": peak2}
for r in rows:
    if "mode" not in r or r["mode"] == "peak": continue
    group = summary["tosim"] if r["netlist"].startswith("random") else summary["units"].setdefault(r["netlist"], {})
    key = r["mode"] + ("" if r["side"] == "new" else " (base)")
    group.setdefault(key, []).append(r)
for group in [summary["tosim"]] + list(summary["units"].values()):
    for key, rs in list(group.items()):
        group[key] = {"vectors": rs[0]["vectors"], "cells": rs[0]["cells"], "nodes": rs[0]["nodes"],
                      "seconds_median": med([x["seconds"] for x in rs]),
                      "cell_vector_evaluations_per_second": med([x["cell_vector_evaluations_per_second"] for x in rs]),
                      "peak_rss_bytes": max(x["peak_rss_bytes"] for x in rs),
                      "bytes_per_node": max(x["peak_rss_bytes"] for x in rs) / rs[0]["nodes"],
                      "load": [x.get("load") for x in rs], "rounds": len(rs)}
        if peak and "2core" not in key:
            group[key]["fraction_of_peak"] = group[key]["cell_vector_evaluations_per_second"] / peak
        if peak2 and "2core" in key:
            group[key]["fraction_of_peak"] = group[key]["cell_vector_evaluations_per_second"] / peak2
for tool in sorted({r["tool"] for r in rows if "tool" in r}):
    rs = [r for r in rows if r.get("tool") == tool]
    s = med([r["seconds"] for r in rs])
    entry = {"vectors": rs[0]["vectors"], "seconds_median": s, "cell_vector_evaluations_per_second": cells * rs[0]["vectors"] / s, "rounds": len(rs)}
    if tool == "abc":
        entry["wall_less_read_seconds_median"] = med([r["wall_less_read_seconds"] for r in rs])
        entry["and_nodes"] = rs[0]["and_nodes"]; entry["and_nodes_per_cell"] = rs[0]["and_nodes"] / cells
        entry["and_node_vector_evaluations_per_second"] = rs[0]["and_nodes"] * rs[0]["vectors"] / s
    else:
        entry["build_seconds"] = rs[0]["build_seconds"]
    summary["peers"][tool] = entry
rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
summary["revision"] = rev
json.dump(summary, open("results.json", "w"), indent=2, sort_keys=True)

def e(x): return "—" if x is None else "%.2e" % x
lines = ["| netlist | simulator / mode | vectors | median s | cell-vector evals/s | fraction of peak | peak RSS (bytes/node) |", "|---|---|---|---|---|---|---|"]
def add(name, group):
    for key, g in sorted(group.items()):
        lines.append("| %s | tosim %s | %d | %.3f | %s | %s | %.0f MB (%.0f) |" % (name, key, g["vectors"], g["seconds_median"],
            e(g["cell_vector_evaluations_per_second"]), "%.1f%%" % (100 * g["fraction_of_peak"]) if "fraction_of_peak" in g else "—",
            g["peak_rss_bytes"] / 1e6, g["bytes_per_node"]))
add("random %d cells" % cells, summary["tosim"])
for tool, p in sorted(summary["peers"].items()):
    extra = " `&sim`, own clock (%.2f AND/cell, %s AND-vector evals/s; wall less reading %.2f s)" % (p["and_nodes_per_cell"], e(p["and_node_vector_evaluations_per_second"]), p["wall_less_read_seconds_median"]) if tool == "abc" else " (build %.0f s)" % p["build_seconds"]
    lines.append("| random %d cells | %s%s | %d | %.3f | %s | — | — |" % (cells, tool, extra, p["vectors"], p["seconds_median"], e(p["cell_vector_evaluations_per_second"])))
for unit, group in sorted(summary["units"].items()):
    add(unit, group)
lines.append("")
lines.append("Peak kernel: %s gate-lanes/s on one core, %s on two. Skipped peers: %s." % (e(peak), e(peak2), "; ".join(skipped) or "none"))
table = "\n".join(lines)
print(table)
doc = "../../docs/performance.md"
text = open(doc).read()
begin, end = "<!-- simulator-benchmark:begin -->", "<!-- simulator-benchmark:end -->"
if begin in text and end in text:
    text = text[:text.index(begin) + len(begin)] + "\n" + table + "\n" + text[text.index(end):]
    open(doc, "w").write(text)
PY
