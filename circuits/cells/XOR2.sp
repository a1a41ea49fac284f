* XOR2: Y = A ^ B. Static complementary CMOS, 12 transistors: two input
* inverters and a complementary network on A, B and their complements.
* Pull-down conducts when A == B (A.B + A'.B'); pull-up when A != B.
*.PININFO A:I B:I Y:O VDD:P VSS:G
.SUBCKT XOR2 A B Y VDD VSS
MP1 AN A VDD VDD pmos W=0.84u L=0.15u
MN1 AN A VSS VSS nmos W=0.42u L=0.15u
MP2 BN B VDD VDD pmos W=0.84u L=0.15u
MN2 BN B VSS VSS nmos W=0.42u L=0.15u
MP3 X1 A VDD VDD pmos W=1.68u L=0.15u
MP4 Y BN X1 VDD pmos W=1.68u L=0.15u
MP5 X2 AN VDD VDD pmos W=1.68u L=0.15u
MP6 Y B X2 VDD pmos W=1.68u L=0.15u
MN3 Y A X3 VSS nmos W=0.84u L=0.15u
MN4 X3 B VSS VSS nmos W=0.84u L=0.15u
MN5 Y AN X4 VSS nmos W=0.84u L=0.15u
MN6 X4 BN VSS VSS nmos W=0.84u L=0.15u
.ENDS XOR2
