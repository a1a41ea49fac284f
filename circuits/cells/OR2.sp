* OR2: Y = A | B. NOR2 followed by an inverter, 6 transistors.
*.PININFO A:I B:I Y:O VDD:P VSS:G
.SUBCKT OR2 A B Y VDD VSS
MP1 X1 A VDD VDD pmos W=1.68u L=0.15u
MP2 YB B X1 VDD pmos W=1.68u L=0.15u
MN1 YB A VSS VSS nmos W=0.42u L=0.15u
MN2 YB B VSS VSS nmos W=0.42u L=0.15u
MP3 Y YB VDD VDD pmos W=0.84u L=0.15u
MN3 Y YB VSS VSS nmos W=0.42u L=0.15u
.ENDS OR2
