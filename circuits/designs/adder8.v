// adder8: an 8-bit adder, the source of the BLIF example designs.
module adder8(input [7:0] a, input [7:0] b, output [7:0] y, output cout);
  assign {cout, y} = a + b;
endmodule
