* AND2: Y = A & B. NAND2 followed by an inverter, 6 transistors.
*.PININFO A:I B:I Y:O VDD:P VSS:G
.SUBCKT AND2 A B Y VDD VSS
MP1 YB A VDD VDD pmos W=0.84u L=0.15u
MP2 YB B VDD VDD pmos W=0.84u L=0.15u
MN1 YB A X1 VSS nmos W=0.84u L=0.15u
MN2 X1 B VSS VSS nmos W=0.84u L=0.15u
MP3 Y YB VDD VDD pmos W=0.84u L=0.15u
MN3 Y YB VSS VSS nmos W=0.42u L=0.15u
.ENDS AND2
