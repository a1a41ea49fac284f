* INV: Y = !A. Static CMOS inverter, 2 transistors.
*.PININFO A:I Y:O VDD:P VSS:G
.SUBCKT INV A Y VDD VSS
MP1 Y A VDD VDD pmos W=0.84u L=0.15u
MN1 Y A VSS VSS nmos W=0.42u L=0.15u
.ENDS INV
