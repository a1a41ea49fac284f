#!/usr/bin/env python3
# export_models.py: exports the 17 peer-comparison models with random weights
# (no downloads) to ONNX, with the legacy TorchScript exporter (dynamo=False)
# and, where it works, the torch.export-based one (dynamo=True). Writes
# OUT/<model>.legacy.onnx and OUT/<model>.dynamo.onnx, and OUT/models.json
# listing each model's input shape and export status. Used by run.sh.
# Usage: export_models.py OUT [MODEL...]   (no names: all 17)
import json
import sys
import traceback

import torch
import torchvision.models as tvm


class Encoder(torch.nn.Module):
    """A BERT-style encoder: 4 layers, d_model 256, 4 heads, sequence 128."""

    def __init__(self):
        super().__init__()
        layer = torch.nn.TransformerEncoderLayer(d_model=256, nhead=4, dim_feedforward=1024, batch_first=True)
        self.encoder = torch.nn.TransformerEncoder(layer, num_layers=4, enable_nested_tensor=False)

    def forward(self, x):
        return self.encoder(x)


class Recurrent(torch.nn.Module):
    """A 2-layer LSTM or GRU over 32 steps of 64 features, hidden 128, and a linear head."""

    def __init__(self, cell):
        super().__init__()
        self.rnn = cell(input_size=64, hidden_size=128, num_layers=2, batch_first=True)
        self.head = torch.nn.Linear(128, 10)

    def forward(self, x):
        y, _ = self.rnn(x)
        return self.head(y[:, -1])


def models():
    image = (1, 3, 224, 224)
    vision = ["resnet18", "resnet50", "mobilenet_v2", "mobilenet_v3_small", "shufflenet_v2_x1_0", "squeezenet1_0",
              "densenet121", "efficientnet_b0", "regnet_y_400mf", "vgg11", "alexnet", "googlenet", "vit_b_16", "swin_t"]
    for name in vision:
        kwargs = {"weights": None}
        if name == "googlenet":
            kwargs.update(aux_logits=False, init_weights=True)
        yield name, (lambda n=name, k=kwargs: getattr(tvm, n)(**k)), image
    yield "bert_encoder", Encoder, (1, 128, 256)
    yield "lstm", lambda: Recurrent(torch.nn.LSTM), (1, 32, 64)
    yield "gru", lambda: Recurrent(torch.nn.GRU), (1, 32, 64)


def main(out, only=None):
    torch.manual_seed(0)
    listing = []
    for name, build, shape in models():
        if only and name not in only:
            continue
        model = build().eval()
        x = torch.randn(*shape)
        entry = {"name": name, "input": list(shape)}
        for kind, dynamo in (("legacy", False), ("dynamo", True)):
            path = f"{out}/{name}.{kind}.onnx"
            try:
                # Gradients stay enabled: under no_grad, eval-mode attention takes PyTorch's fused fast path
                # (aten::_native_multi_head_attention), which the legacy exporter cannot write.
                torch.onnx.export(model, (x,), path, dynamo=dynamo, opset_version=18 if dynamo else 17,
                                  input_names=["input"], output_names=["output"])
                entry[kind] = path
            except Exception as error:  # record and go on: not every model exports with both exporters
                entry[kind] = None
                entry[kind + "_error"] = f"{type(error).__name__}: {str(error).splitlines()[0][:200] if str(error) else ''}"
                traceback.print_exc(limit=1)
            print(f"{name} {kind}: {'ok' if entry[kind] else entry[kind + '_error']}", flush=True)
        listing.append(entry)
    # Exporting a subset updates those models' entries and keeps the others.
    try:
        previous = [e for e in json.load(open(f"{out}/models.json")) if e["name"] not in {e["name"] for e in listing}]
    except (OSError, ValueError):
        previous = []
    order = [name for name, _, _ in models()]
    listing = sorted(previous + listing, key=lambda e: order.index(e["name"]) if e["name"] in order else len(order))
    with open(f"{out}/models.json", "w") as f:
        json.dump(listing, f, indent=1)


if __name__ == "__main__":
    main(sys.argv[1], set(sys.argv[2:]) or None)
