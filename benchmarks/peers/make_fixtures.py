#!/usr/bin/env python3
# make_fixtures.py: writes the two small ONNX test fixtures of `tosim count`
# on raw exports into Tests/TosimNNTests/Fixtures/models/:
#   unknown_op.onnx     x[N,8] → Relu → com.example.FancyOp (declared [N,2,8] by value_info) → Relu
#   raw_channel_split.onnx  the shufflenet channel split as the legacy exporter writes it:
#                       Shape → Gather → Div → Unsqueeze → Slice, then Conv on the half.
# Usage: python3 benchmarks/peers/make_fixtures.py OUT_FOLDER (needs the onnx package).
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def unknown_op():
    nodes = [
        helper.make_node("Relu", ["x"], ["h"], name="a"),
        helper.make_node("FancyOp", ["h"], ["p"], name="fancy", domain="com.example"),
        helper.make_node("Relu", ["p"], ["z"], name="b"),
    ]
    graph = helper.make_graph(
        nodes, "unknown_op", [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 8])],
        [helper.make_tensor_value_info("z", TensorProto.FLOAT, ["N", 2, 8])],
        value_info=[helper.make_tensor_value_info("p", TensorProto.FLOAT, ["N", 2, 8])])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid("com.example", 1)])


def channel_split():
    def const(name, values):
        return numpy_helper.from_array(np.array(values, dtype=np.int64), name)
    weight = numpy_helper.from_array(np.zeros((4, 8, 1, 1), dtype=np.float32), "w")
    nodes = [
        helper.make_node("Shape", ["x"], ["shape"], name="shape"),
        helper.make_node("Gather", ["shape", "one_s"], ["channels"], name="gather", axis=0),
        helper.make_node("Div", ["channels", "two_s"], ["half"], name="div"),
        helper.make_node("Unsqueeze", ["half", "zero"], ["end"], name="unsqueeze"),
        helper.make_node("Slice", ["x", "zero", "end", "one"], ["left"], name="slice"),
        helper.make_node("Conv", ["left", "w"], ["y"], name="conv"),
    ]
    inits = [const("one_s", 1), const("two_s", 2), const("zero", [0]), const("one", [1]), weight]
    graph = helper.make_graph(
        nodes, "raw_channel_split", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 16, 6, 6])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)], initializer=inits)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])


if __name__ == "__main__":
    out = sys.argv[1]
    for name, model in (("unknown_op", unknown_op()), ("raw_channel_split", channel_split())):
        model.ir_version = 8
        onnx.save(model, f"{out}/{name}.onnx")
