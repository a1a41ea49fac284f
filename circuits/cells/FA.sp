* FA: full adder, S = A ^ B ^ CI, CO = majority(A, B, CI). 28-transistor
* mirror adder: a 10T mirror carry stage makes CO', a 14T mirror sum stage
* makes S' from A, B, CI and CO', and two inverters restore S and CO.
*.PININFO A:I B:I CI:I S:O CO:O VDD:P VSS:G
.SUBCKT FA A B CI S CO VDD VSS
* carry stage: CON = !(A.B + CI.(A + B))
MP1 P1 A VDD VDD pmos W=1.26u L=0.15u
MP2 P1 B VDD VDD pmos W=1.26u L=0.15u
MP3 CON CI P1 VDD pmos W=1.26u L=0.15u
MP4 P2 A VDD VDD pmos W=1.26u L=0.15u
MP5 CON B P2 VDD pmos W=1.26u L=0.15u
MN1 N1 A VSS VSS nmos W=0.84u L=0.15u
MN2 N1 B VSS VSS nmos W=0.84u L=0.15u
MN3 CON CI N1 VSS nmos W=0.84u L=0.15u
MN4 N2 A VSS VSS nmos W=0.84u L=0.15u
MN5 CON B N2 VSS nmos W=0.84u L=0.15u
* sum stage: SN = !(A.B.CI + CON.(A + B + CI))
MP6 P3 A VDD VDD pmos W=1.26u L=0.15u
MP7 P3 B VDD VDD pmos W=1.26u L=0.15u
MP8 P3 CI VDD VDD pmos W=1.26u L=0.15u
MP9 SN CON P3 VDD pmos W=1.26u L=0.15u
MP10 P4 A VDD VDD pmos W=1.89u L=0.15u
MP11 P5 B P4 VDD pmos W=1.89u L=0.15u
MP12 SN CI P5 VDD pmos W=1.89u L=0.15u
MN6 N3 A VSS VSS nmos W=0.84u L=0.15u
MN7 N3 B VSS VSS nmos W=0.84u L=0.15u
MN8 N3 CI VSS VSS nmos W=0.84u L=0.15u
MN9 SN CON N3 VSS nmos W=0.84u L=0.15u
MN10 N4 A VSS VSS nmos W=1.26u L=0.15u
MN11 N5 B N4 VSS nmos W=1.26u L=0.15u
MN12 SN CI N5 VSS nmos W=1.26u L=0.15u
* output inverters
MP13 S SN VDD VDD pmos W=0.84u L=0.15u
MN13 S SN VSS VSS nmos W=0.42u L=0.15u
MP14 CO CON VDD VDD pmos W=0.84u L=0.15u
MN14 CO CON VSS VSS nmos W=0.42u L=0.15u
.ENDS FA
