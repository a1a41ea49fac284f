#!/usr/bin/env bash
# Regenerates the example BLIF designs from adder8.v with Yosys
# (Debian package `yosys`). Run by hand from this folder; CI does not run it.
#   adder8_cmos.blif  gates mapped by ABC onto Yosys's CMOS gate set
#                     (written with -icells as .subckt $_NAND_, $_AOI3_, … cells)
#   adder8_lut4.blif  4-input lookup tables written as .names covers
set -euo pipefail
cd "$(dirname "$0")"
command -v yosys >/dev/null || { echo "yosys not found: apt-get install yosys" >&2; exit 1; }
yosys -q -p "read_verilog adder8.v; synth -flatten -top adder8; abc -g cmos; opt_clean; write_blif -icells adder8_cmos.blif"
yosys -q -p "read_verilog adder8.v; synth -flatten -top adder8; abc -lut 4; opt_clean; write_blif adder8_lut4.blif"
echo "wrote adder8_cmos.blif adder8_lut4.blif"
