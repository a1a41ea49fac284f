* NAND2: Y = !(A & B). Parallel PMOS pull-up, series NMOS pull-down, 4 transistors.
*.PININFO A:I B:I Y:O VDD:P VSS:G
.SUBCKT NAND2 A B Y VDD VSS
MP1 Y A VDD VDD pmos W=0.84u L=0.15u
MP2 Y B VDD VDD pmos W=0.84u L=0.15u
MN1 Y A X1 VSS nmos W=0.84u L=0.15u
MN2 X1 B VSS VSS nmos W=0.84u L=0.15u
.ENDS NAND2
