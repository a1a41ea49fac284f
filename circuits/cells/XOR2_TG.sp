* XOR2_TG: Y = A ^ B. Transmission-gate XOR, 8 transistors: inverters make
* A' and B'; one transmission gate passes B when A = 0, the other passes B'
* when A = 1.
*.PININFO A:I B:I Y:O VDD:P VSS:G
.SUBCKT XOR2_TG A B Y VDD VSS
MP1 AN A VDD VDD pmos W=0.84u L=0.15u
MN1 AN A VSS VSS nmos W=0.42u L=0.15u
MP2 BN B VDD VDD pmos W=0.84u L=0.15u
MN2 BN B VSS VSS nmos W=0.42u L=0.15u
MN3 Y AN B VSS nmos W=0.42u L=0.15u
MP3 Y A B VDD pmos W=0.84u L=0.15u
MN4 Y A BN VSS nmos W=0.42u L=0.15u
MP4 Y AN BN VDD pmos W=0.84u L=0.15u
.ENDS XOR2_TG
