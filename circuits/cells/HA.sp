* HA: half adder, S = A ^ B, CO = A & B. 14 transistors: NAND2 and an
* inverter give CO; NOR2(A, B) and NOR2(CO, that) give S.
*.PININFO A:I B:I S:O CO:O VDD:P VSS:G
.SUBCKT HA A B S CO VDD VSS
MP1 CN A VDD VDD pmos W=0.84u L=0.15u
MP2 CN B VDD VDD pmos W=0.84u L=0.15u
MN1 CN A X1 VSS nmos W=0.84u L=0.15u
MN2 X1 B VSS VSS nmos W=0.84u L=0.15u
MP3 CO CN VDD VDD pmos W=0.84u L=0.15u
MN3 CO CN VSS VSS nmos W=0.42u L=0.15u
MP4 X2 A VDD VDD pmos W=1.68u L=0.15u
MP5 R B X2 VDD pmos W=1.68u L=0.15u
MN4 R A VSS VSS nmos W=0.42u L=0.15u
MN5 R B VSS VSS nmos W=0.42u L=0.15u
MP6 X3 CO VDD VDD pmos W=1.68u L=0.15u
MP7 S R X3 VDD pmos W=1.68u L=0.15u
MN6 S CO VSS VSS nmos W=0.42u L=0.15u
MN7 S R VSS VSS nmos W=0.42u L=0.15u
.ENDS HA
