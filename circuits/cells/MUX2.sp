* MUX2: Y = S ? B : A. Transmission-gate multiplexer with restoring buffers,
* 12 transistors: inverters on A, B and S, two transmission gates choosing
* A' or B', and an output inverter.
*.PININFO A:I B:I S:I Y:O VDD:P VSS:G
.SUBCKT MUX2 A B S Y VDD VSS
MP1 AN A VDD VDD pmos W=0.84u L=0.15u
MN1 AN A VSS VSS nmos W=0.42u L=0.15u
MP2 BN B VDD VDD pmos W=0.84u L=0.15u
MN2 BN B VSS VSS nmos W=0.42u L=0.15u
MP3 SN S VDD VDD pmos W=0.84u L=0.15u
MN3 SN S VSS VSS nmos W=0.42u L=0.15u
MN4 M SN AN VSS nmos W=0.42u L=0.15u
MP4 M S AN VDD pmos W=0.84u L=0.15u
MN5 M S BN VSS nmos W=0.42u L=0.15u
MP5 M SN BN VDD pmos W=0.84u L=0.15u
MP6 Y M VDD VDD pmos W=0.84u L=0.15u
MN6 Y M VSS VSS nmos W=0.42u L=0.15u
.ENDS MUX2
