* FA_TG: full adder from transmission gates, 20 transistors.
* P = A ^ B by a transmission-gate XOR (inverters on A and B, 8T), P' by an
* inverter, S = P ? CI' : CI (inverter on CI, two transmission gates) and
* CO = P ? CI : A (two transmission gates).
*.PININFO A:I B:I CI:I S:O CO:O VDD:P VSS:G
.SUBCKT FA_TG A B CI S CO VDD VSS
MP1 AN A VDD VDD pmos W=0.84u L=0.15u
MN1 AN A VSS VSS nmos W=0.42u L=0.15u
MP2 BN B VDD VDD pmos W=0.84u L=0.15u
MN2 BN B VSS VSS nmos W=0.42u L=0.15u
MN3 P AN B VSS nmos W=0.42u L=0.15u
MP3 P A B VDD pmos W=0.84u L=0.15u
MN4 P A BN VSS nmos W=0.42u L=0.15u
MP4 P AN BN VDD pmos W=0.84u L=0.15u
MP5 PN P VDD VDD pmos W=0.84u L=0.15u
MN5 PN P VSS VSS nmos W=0.42u L=0.15u
MP6 CN CI VDD VDD pmos W=0.84u L=0.15u
MN6 CN CI VSS VSS nmos W=0.42u L=0.15u
MN7 S PN CI VSS nmos W=0.42u L=0.15u
MP7 S P CI VDD pmos W=0.84u L=0.15u
MN8 S P CN VSS nmos W=0.42u L=0.15u
MP8 S PN CN VDD pmos W=0.84u L=0.15u
MN9 CO PN A VSS nmos W=0.42u L=0.15u
MP9 CO P A VDD pmos W=0.84u L=0.15u
MN10 CO P CI VSS nmos W=0.42u L=0.15u
MP10 CO PN CI VDD pmos W=0.84u L=0.15u
.ENDS FA_TG
