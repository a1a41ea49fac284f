#!/usr/bin/env python3
"""Builds the example ONNX models that TosimNNTests counts.

Run by hand (not by CI) from the package root:
    python3 -m venv /tmp/onnxenv && /tmp/onnxenv/bin/pip install onnx onnx-tool
    /tmp/onnxenv/bin/python benchmarks/models/make_models.py [OUT_DIR]
OUT_DIR defaults to Tests/TosimNNTests/Fixtures/models. Weights are zeros:
counts never depend on weight values, and zeros keep the files small in git.
The three MLPs share one external weight file (mlp_784_512_256_10.weights)
so their 2.1 MB of fp32 weights are stored once. With --profile the script
runs onnx-tool on every model and prints its MACs (see NOTES.md there).
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
from onnx.external_data_helper import set_external_data

OPSET = 17
OUT = next((a for a in sys.argv[1:] if not a.startswith("--")), "Tests/TosimNNTests/Fixtures/models")


def weight(name, shape, dtype=np.float32):
    return numpy_helper.from_array(np.zeros(shape, dtype=dtype), name)


def ints(name, values):
    return numpy_helper.from_array(np.array(values, dtype=np.int64), name)


def scalar(name, value, dtype=np.float32):
    return numpy_helper.from_array(np.array(value, dtype=dtype), name)


def io(name, shape, elem=TensorProto.FLOAT):
    return helper.make_tensor_value_info(name, elem, shape)


def save(graph, file, opset=OPSET):
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)], producer_name="tosim make_models.py")
    model.ir_version = 8
    path = os.path.join(OUT, file)
    onnx.save(model, path)
    onnx.checker.check_model(path)
    return model


def mlp(activation):
    """784-512-256-10 MLP with `activation` between layers and a final Softmax."""
    sizes = [784, 512, 256, 10]
    nodes, inits, x = [], [], "input"
    for i, (n_in, n_out) in enumerate(zip(sizes, sizes[1:])):
        inits += [weight(f"fc{i}.weight", (n_out, n_in)), weight(f"fc{i}.bias", (n_out,))]
        nodes.append(helper.make_node("Gemm", [x, f"fc{i}.weight", f"fc{i}.bias"], [f"fc{i}"], name=f"fc{i}", transB=1))
        x = f"fc{i}"
        if i < 2:
            nodes.append(helper.make_node(activation, [x], [f"act{i}"], name=f"act{i}"))
            x = f"act{i}"
    nodes.append(helper.make_node("Softmax", [x], ["output"], name="softmax", axis=-1))
    # One shared external weight file: tensors at fixed offsets, payload not inline.
    offset = 0
    for t in inits:
        length = len(t.raw_data)
        set_external_data(t, "mlp_784_512_256_10.weights", offset=offset, length=length)
        t.ClearField("raw_data")
        t.data_location = TensorProto.EXTERNAL
        offset += length
    graph = helper.make_graph(nodes, f"mlp_{activation.lower()}", [io("input", ["N", 784])], [io("output", ["N", 10])], inits)
    return graph, offset


def lenet5():
    """LeNet-5: conv 6@5x5, tanh, avgpool 2, conv 16@5x5, tanh, avgpool 2, 120-84-10."""
    inits = [weight("c1.w", (6, 1, 5, 5)), weight("c1.b", (6,)), weight("c2.w", (16, 6, 5, 5)), weight("c2.b", (16,)),
             weight("f1.w", (120, 400)), weight("f1.b", (120,)), weight("f2.w", (84, 120)), weight("f2.b", (84,)),
             weight("f3.w", (10, 84)), weight("f3.b", (10,))]
    n = helper.make_node
    nodes = [
        n("Conv", ["input", "c1.w", "c1.b"], ["c1"], name="conv1", kernel_shape=[5, 5]),
        n("Tanh", ["c1"], ["t1"], name="tanh1"),
        n("AveragePool", ["t1"], ["p1"], name="pool1", kernel_shape=[2, 2], strides=[2, 2]),
        n("Conv", ["p1", "c2.w", "c2.b"], ["c2"], name="conv2", kernel_shape=[5, 5]),
        n("Tanh", ["c2"], ["t2"], name="tanh2"),
        n("AveragePool", ["t2"], ["p2"], name="pool2", kernel_shape=[2, 2], strides=[2, 2]),
        n("Flatten", ["p2"], ["flat"], name="flatten", axis=1),
        n("Gemm", ["flat", "f1.w", "f1.b"], ["f1"], name="fc1", transB=1),
        n("Tanh", ["f1"], ["t3"], name="tanh3"),
        n("Gemm", ["t3", "f2.w", "f2.b"], ["f2"], name="fc2", transB=1),
        n("Tanh", ["f2"], ["t4"], name="tanh4"),
        n("Gemm", ["t4", "f3.w", "f3.b"], ["f3"], name="fc3", transB=1),
        n("Softmax", ["f3"], ["output"], name="softmax", axis=-1),
    ]
    return helper.make_graph(nodes, "lenet5", [io("input", ["N", 1, 32, 32])], [io("output", ["N", 10])], inits)


def residual():
    """A ResNet basic block with a strided 1x1 projection shortcut, then GAP and a 10-way classifier."""
    n = helper.make_node
    inits = [weight("conv1.w", (32, 16, 3, 3)), weight("conv2.w", (32, 32, 3, 3)), weight("proj.w", (32, 16, 1, 1)),
             weight("fc.w", (10, 32)), weight("fc.b", (10,))]
    for bn in ("bn1", "bn2", "bnp"):
        inits += [weight(f"{bn}.{p}", (32,)) for p in ("scale", "bias", "mean", "var")]
    def bn(name, x, y):
        return n("BatchNormalization", [x, f"{name}.scale", f"{name}.bias", f"{name}.mean", f"{name}.var"], [y], name=name)
    nodes = [
        n("Conv", ["input", "conv1.w"], ["c1"], name="conv1", kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1]),
        bn("bn1", "c1", "b1"),
        n("Relu", ["b1"], ["r1"], name="relu1"),
        n("Conv", ["r1", "conv2.w"], ["c2"], name="conv2", kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
        bn("bn2", "c2", "b2"),
        n("Conv", ["input", "proj.w"], ["cp"], name="proj", kernel_shape=[1, 1], strides=[2, 2]),
        bn("bnp", "cp", "bp"),
        n("Add", ["b2", "bp"], ["sum"], name="add"),
        n("Relu", ["sum"], ["r2"], name="relu2"),
        n("GlobalAveragePool", ["r2"], ["gap"], name="gap"),
        n("Flatten", ["gap"], ["flat"], name="flatten"),
        n("Gemm", ["flat", "fc.w", "fc.b"], ["output"], name="fc", transB=1),
    ]
    return helper.make_graph(nodes, "residual_block", [io("input", ["N", 16, 32, 32])], [io("output", ["N", 10])], inits)


def transformer():
    """Post-LN transformer encoder block: 4-head self-attention (d=64, seq 16) and an Erf-GELU FFN (256)."""
    d, h, s, ff = 64, 4, 16, 256
    dh = d // h
    n = helper.make_node
    inits = []
    for p in ("q", "k", "v", "o"):
        inits += [weight(f"{p}.w", (d, d)), weight(f"{p}.b", (d,))]
    inits += [weight("ff1.w", (d, ff)), weight("ff1.b", (ff,)), weight("ff2.w", (ff, d)), weight("ff2.b", (d,)),
              weight("ln1.scale", (d,)), weight("ln1.bias", (d,)), weight("ln2.scale", (d,)), weight("ln2.bias", (d,)),
              ints("heads_shape", [0, 0, h, dh]), ints("model_shape", [0, 0, d]),
              scalar("sqrt_dh", float(np.sqrt(dh))), scalar("sqrt2", float(np.sqrt(2.0))), scalar("one", 1.0), scalar("half", 0.5)]
    nodes = []
    for p in ("q", "k", "v"):
        nodes += [n("MatMul", ["input", f"{p}.w"], [f"{p}_mm"], name=f"{p}_proj"),
                  n("Add", [f"{p}_mm", f"{p}.b"], [f"{p}_b"], name=f"{p}_bias"),
                  n("Reshape", [f"{p}_b", "heads_shape"], [f"{p}_heads"], name=f"{p}_split")]
    nodes += [
        n("Transpose", ["q_heads"], ["q_t"], name="q_t", perm=[0, 2, 1, 3]),
        n("Transpose", ["k_heads"], ["k_t"], name="k_t", perm=[0, 2, 3, 1]),
        n("Transpose", ["v_heads"], ["v_t"], name="v_t", perm=[0, 2, 1, 3]),
        n("MatMul", ["q_t", "k_t"], ["scores"], name="scores"),
        n("Div", ["scores", "sqrt_dh"], ["scaled"], name="scale"),
        n("Softmax", ["scaled"], ["attn"], name="softmax", axis=-1),
        n("MatMul", ["attn", "v_t"], ["ctx"], name="context"),
        n("Transpose", ["ctx"], ["ctx_t"], name="ctx_t", perm=[0, 2, 1, 3]),
        n("Reshape", ["ctx_t", "model_shape"], ["ctx_m"], name="merge_heads"),
        n("MatMul", ["ctx_m", "o.w"], ["o_mm"], name="o_proj"),
        n("Add", ["o_mm", "o.b"], ["o_b"], name="o_bias"),
        n("Add", ["o_b", "input"], ["res1"], name="residual1"),
        n("LayerNormalization", ["res1", "ln1.scale", "ln1.bias"], ["ln1"], name="ln1", axis=-1),
        n("MatMul", ["ln1", "ff1.w"], ["ff1_mm"], name="ff1"),
        n("Add", ["ff1_mm", "ff1.b"], ["ff1_b"], name="ff1_bias"),
        # GELU(x) = 0.5 x (1 + erf(x / sqrt 2)), as PyTorch exports it before opset 20.
        n("Div", ["ff1_b", "sqrt2"], ["g_div"], name="gelu_div"),
        n("Erf", ["g_div"], ["g_erf"], name="gelu_erf"),
        n("Add", ["g_erf", "one"], ["g_add"], name="gelu_add"),
        n("Mul", ["ff1_b", "g_add"], ["g_mul"], name="gelu_mul"),
        n("Mul", ["g_mul", "half"], ["gelu"], name="gelu_half"),
        n("MatMul", ["gelu", "ff2.w"], ["ff2_mm"], name="ff2"),
        n("Add", ["ff2_mm", "ff2.b"], ["ff2_b"], name="ff2_bias"),
        n("Add", ["ff2_b", "ln1"], ["res2"], name="residual2"),
        n("LayerNormalization", ["res2", "ln2.scale", "ln2.bias"], ["output"], name="ln2", axis=-1),
    ]
    return helper.make_graph(nodes, "transformer_block", [io("input", ["N", s, d])], [io("output", ["N", s, d])], inits)


def lstm():
    """LSTM over 28 steps of 28 features (row-wise MNIST), hidden 64, last state to a 10-way Gemm."""
    t, i, hid = 28, 28, 64
    n = helper.make_node
    inits = [weight("W", (1, 4 * hid, i)), weight("R", (1, 4 * hid, hid)), weight("B", (1, 8 * hid)),
             ints("axes0", [0]), weight("fc.w", (10, hid)), weight("fc.b", (10,))]
    nodes = [
        n("LSTM", ["input", "W", "R", "B"], ["Y", "Y_h"], name="lstm", hidden_size=hid),
        n("Squeeze", ["Y_h", "axes0"], ["h"], name="last_state"),
        n("Gemm", ["h", "fc.w", "fc.b"], ["output"], name="fc", transB=1),
    ]
    return helper.make_graph(nodes, "lstm", [io("input", [t, "N", i])], [io("output", ["N", 10])], inits)


def mixed():
    """Mixed precision: fp32 input cast to fp16 for a 64-32-10 MLP, cast back for an fp32 Softmax."""
    n = helper.make_node
    f16 = np.float16
    inits = [weight("w1", (32, 64), f16), weight("b1", (32,), f16), weight("w2", (10, 32), f16), weight("b2", (10,), f16)]
    nodes = [
        n("Cast", ["input"], ["x16"], name="to_fp16", to=TensorProto.FLOAT16),
        n("Gemm", ["x16", "w1", "b1"], ["h"], name="fc1", transB=1),
        n("Relu", ["h"], ["r"], name="relu"),
        n("Gemm", ["r", "w2", "b2"], ["o16"], name="fc2", transB=1),
        n("Cast", ["o16"], ["o32"], name="to_fp32", to=TensorProto.FLOAT),
        n("Softmax", ["o32"], ["output"], name="softmax", axis=-1),
    ]
    return helper.make_graph(nodes, "mixed_fp16", [io("input", ["N", 64])], [io("output", ["N", 10])], inits)


def main():
    os.makedirs(OUT, exist_ok=True)
    files = []
    for act in ("Relu", "Sigmoid", "Tanh"):
        graph, size = mlp(act)
        with open(os.path.join(OUT, "mlp_784_512_256_10.weights"), "wb") as f:
            f.write(bytes(size))
        files.append(f"mlp_{act.lower()}.onnx")
        save(graph, files[-1])
    for build, file in ((lenet5, "lenet5.onnx"), (residual, "residual_block.onnx"), (transformer, "transformer_block.onnx"),
                        (lstm, "lstm.onnx"), (mixed, "mixed_fp16.onnx")):
        save(build(), file)
        files.append(file)
    if "--profile" in sys.argv:
        import onnx_tool
        for file in files:
            print(f"== {file}")
            model = onnx.load(os.path.join(OUT, file))
            dims = [d.dim_value or 1 for d in model.graph.input[0].type.tensor_type.shape.dim]  # symbolic N = 1
            onnx_tool.model_profile(os.path.join(OUT, file), dynamic_shapes={"input": np.zeros(dims, dtype=np.float32)})


if __name__ == "__main__":
    main()
