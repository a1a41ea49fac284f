// adder8: an 8-bit adder with carry in and out, the source of the BLIF
// example designs. Its ports match tosim's int8.add units (a, b, cin -> y,
// cout), so an imported design joins `tosim explore adders --width 8`.
module adder8(input [7:0] a, input [7:0] b, input cin, output [7:0] y, output cout);
  assign {cout, y} = a + b + cin;
endmodule
