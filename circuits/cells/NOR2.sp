* NOR2: Y = !(A | B). Series PMOS pull-up, parallel NMOS pull-down, 4 transistors.
*.PININFO A:I B:I Y:O VDD:P VSS:G
.SUBCKT NOR2 A B Y VDD VSS
MP1 X1 A VDD VDD pmos W=1.68u L=0.15u
MP2 Y B X1 VDD pmos W=1.68u L=0.15u
MN1 Y A VSS VSS nmos W=0.42u L=0.15u
MN2 Y B VSS VSS nmos W=0.42u L=0.15u
.ENDS NOR2
