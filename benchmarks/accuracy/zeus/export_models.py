#!/usr/bin/env python3
"""Export the six Zeus (NSDI 2023) training workloads to ONNX for `tosim count`.

Usage: export_models.py OUT_DIR [--only NAME ...]

Random weights, nothing downloaded. Legacy (TorchScript) exporter, opset 17, exporter defaults, no
simplifier; exported in eval mode (BatchNorm as an inference node: `tosim count --mode training` adds the
backward pass and the optimizer update itself). Only the
batch dimension is symbolic ("N"); every reshape is written with -1 for the batch and constants for the
rest, so `tosim count --batch B` resolves the whole graph. The shapes, and the source of each, are
listed in docs/accuracy.md ("zeus-nsdi23"); the short form:

  resnet50.onnx        torchvision ResNet-50, ImageNet 3x224x224, 1000 classes (Zeus examples/imagenet
                       trains torchvision models).
  shufflenetv2.onnx    ShuffleNetV2 (x1.0) in the CIFAR form of weiaicunzai/pytorch-cifar100, which Zeus
                       examples/cifar100 uses: 3x3 stride-1 stem with 24 channels, no max pool, stages of
                       116/232/464 channels with 4/8/4 units, 1x1 conv to 1024, 100 classes; 3x32x32 input.
  bert_squad.onnx      BERT-base uncased (12 layers, hidden 768, 12 heads, FFN 3072, vocab 30,522) with the
                       span head Linear(768, 2); sequence 384 (the SQuAD fine-tuning default of BERT).
  bert_sentiment.onnx  the same encoder with pooler Linear(768,768)+tanh and Linear(768, 2); sequence 48, an
                       estimate of the padded length of a batch of tweets (Zeus examples/capriccio/train.py
                       caps at --max_length 128 but pads each batch to its longest tweet; see
                       assumptions.md).
  deepspeech2.onnx     DeepSpeech2 as in deepspeech.pytorch: 161-bin spectrogram (20 ms window, 10 ms hop,
                       16 kHz), two Conv2d(32) layers (41x11 s2x2, 21x11 s2x1) with BatchNorm and
                       Hardtanh(0,20) (ONNX Clip), five bidirectional LSTM layers of 1024 (directions summed, BatchNorm
                       between), Linear(1024, 29); 1,229 frames = the mean LibriSpeech-960 h utterance
                       (960 h x 3600 s / 281,241 utterances = 12.29 s).
  ncf.onnx             NeuMF (He et al. 2017) as in guoyang9/NCF: GMF embeddings of 32, MLP embeddings of
                       128 for 6,040 users and 3,706 items, MLP 256-128-64-32 with ReLU, predict
                       Linear(64, 1); one (user, item) pair per sample.
"""
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision

OPSET = 17


# ----------------------------------------------------------------------------- ShuffleNetV2 (CIFAR)
def channel_shuffle(x, channels, size):
    x = x.reshape(-1, 2, channels // 2, size, size)
    x = x.transpose(1, 2)
    return x.reshape(-1, channels, size, size)


def conv_bn(cin, cout, k, stride=1, groups=1, relu=True):
    layers = [nn.Conv2d(cin, cout, k, stride, k // 2, groups=groups, bias=False), nn.BatchNorm2d(cout)]
    if relu:
        layers.append(nn.ReLU(inplace=False))
    return nn.Sequential(*layers)


class ShuffleUnit(nn.Module):
    def __init__(self, cin, cout, stride, size):
        super().__init__()
        self.stride, self.cout, self.size = stride, cout, size // stride
        if stride == 1:
            half = cin // 2
            self.branch = nn.Sequential(conv_bn(half, half, 1), conv_bn(half, half, 3, 1, half, False),
                                        conv_bn(half, half, 1))
            self.half = half
        else:
            self.branch = nn.Sequential(conv_bn(cin, cin, 1), conv_bn(cin, cin, 3, stride, cin, False),
                                        conv_bn(cin, cout // 2, 1))
            self.shortcut = nn.Sequential(conv_bn(cin, cin, 3, stride, cin, False), conv_bn(cin, cout // 2, 1))

    def forward(self, x):
        if self.stride == 1:
            a, b = x[:, :self.half], x[:, self.half:]
            x = torch.cat([a, self.branch(b)], 1)
        else:
            x = torch.cat([self.shortcut(x), self.branch(x)], 1)
        return channel_shuffle(x, self.cout, self.size)


class ShuffleNetV2Cifar(nn.Module):
    def __init__(self, classes=100):
        super().__init__()
        self.stem = conv_bn(3, 24, 3)
        units, cin, size = [], 24, 32
        for cout, repeat in [(116, 3), (232, 7), (464, 3)]:
            units.append(ShuffleUnit(cin, cout, 2, size))
            size //= 2
            units += [ShuffleUnit(cout, cout, 1, size) for _ in range(repeat)]
            cin = cout
        self.stages = nn.Sequential(*units)
        self.conv5 = conv_bn(464, 1024, 1)
        self.fc = nn.Linear(1024, classes)

    def forward(self, x):
        x = self.conv5(self.stages(self.stem(x)))
        x = F.adaptive_avg_pool2d(x, 1)
        return self.fc(torch.flatten(x, 1))


# ----------------------------------------------------------------------------- BERT-base
class EncoderLayer(nn.Module):
    def __init__(self, hidden, heads, ffn, seq):
        super().__init__()
        self.heads, self.head_dim, self.seq, self.hidden = heads, hidden // heads, seq, hidden
        self.q, self.k, self.v = nn.Linear(hidden, hidden), nn.Linear(hidden, hidden), nn.Linear(hidden, hidden)
        self.out = nn.Linear(hidden, hidden)
        self.ln1, self.ln2 = nn.LayerNorm(hidden, eps=1e-12), nn.LayerNorm(hidden, eps=1e-12)
        self.up, self.down = nn.Linear(hidden, ffn), nn.Linear(ffn, hidden)

    def split(self, x):
        return x.reshape(-1, self.seq, self.heads, self.head_dim).transpose(1, 2)

    def forward(self, x):
        q, k, v = self.split(self.q(x)), self.split(self.k(x)), self.split(self.v(x))
        scores = torch.matmul(q, k.transpose(2, 3)) / (self.head_dim ** 0.5)
        context = torch.matmul(torch.softmax(scores, -1), v).transpose(1, 2).reshape(-1, self.seq, self.hidden)
        x = self.ln1(x + self.out(context))
        return self.ln2(x + self.down(F.gelu(self.up(x))))


class Bert(nn.Module):
    """BERT-base encoder over full-length sequences (no padding mask: every position attends)."""

    def __init__(self, seq, head, vocab=30522, hidden=768, layers=12, heads=12, ffn=3072, max_pos=512):
        super().__init__()
        self.word = nn.Embedding(vocab, hidden)
        self.position = nn.Parameter(torch.randn(1, max_pos, hidden)[:, :seq].clone())
        self.token_type = nn.Parameter(torch.randn(hidden))
        self.ln = nn.LayerNorm(hidden, eps=1e-12)
        self.layers = nn.Sequential(*[EncoderLayer(hidden, heads, ffn, seq) for _ in range(layers)])
        self.head_kind = head
        if head == "span":
            self.qa = nn.Linear(hidden, 2)
        else:
            self.pooler, self.classifier = nn.Linear(hidden, hidden), nn.Linear(hidden, 2)

    def forward(self, ids):
        x = self.layers(self.ln(self.word(ids) + self.position + self.token_type))
        if self.head_kind == "span":
            return self.qa(x)
        return self.classifier(torch.tanh(self.pooler(x[:, 0])))


# ----------------------------------------------------------------------------- DeepSpeech2
class DeepSpeech2(nn.Module):
    def __init__(self, freq=161, hidden=1024, layers=5, labels=29):
        super().__init__()

        def act():
            return nn.Hardtanh(0, 20)
        self.conv = nn.Sequential(
            nn.Conv2d(1, 32, (41, 11), (2, 2), (20, 5)), nn.BatchNorm2d(32), act(),
            nn.Conv2d(32, 32, (21, 11), (2, 1), (10, 5)), nn.BatchNorm2d(32), act())
        f = (freq + 40 - 41) // 2 + 1
        f = (f + 20 - 21) // 2 + 1
        self.features, self.hidden = 32 * f, hidden
        self.rnns = nn.ModuleList()
        self.norms = nn.ModuleList()
        size = self.features
        for i in range(layers):
            self.norms.append(nn.BatchNorm1d(size) if i > 0 else nn.Identity())
            self.rnns.append(nn.LSTM(size, hidden, bidirectional=True))
            size = hidden
        self.out_norm = nn.BatchNorm1d(hidden)
        self.fc = nn.Linear(hidden, labels, bias=False)

    def forward(self, x, frames, h0, c0):
        t = (frames + 10 - 11) // 2 + 1
        x = self.conv(x)                                   # N, 32, F', T'
        x = x.reshape(-1, self.features, t).permute(2, 0, 1)  # T', N, C
        for norm, rnn in zip(self.norms, self.rnns):
            if not isinstance(norm, nn.Identity):
                x = norm(x.permute(1, 2, 0)).permute(2, 0, 1)
            x, _ = rnn(x, (h0, c0))
            x = x.reshape(t, -1, 2, self.hidden).sum(2)     # sum the two directions
        x = self.out_norm(x.permute(1, 2, 0)).permute(0, 2, 1)
        return self.fc(x).log_softmax(-1)


# ----------------------------------------------------------------------------- NCF (NeuMF)
class NeuMF(nn.Module):
    def __init__(self, users=6040, items=3706, factor=32, layers=3):
        super().__init__()
        mlp_dim = factor * 2 ** (layers - 1)
        self.user_gmf, self.item_gmf = nn.Embedding(users, factor), nn.Embedding(items, factor)
        self.user_mlp, self.item_mlp = nn.Embedding(users, mlp_dim), nn.Embedding(items, mlp_dim)
        mlp, size = [], 2 * mlp_dim
        for _ in range(layers):
            mlp += [nn.Linear(size, size // 2), nn.ReLU()]
            size //= 2
        self.mlp = nn.Sequential(*mlp)
        self.predict = nn.Linear(2 * factor, 1)

    def forward(self, user, item):
        gmf = self.user_gmf(user) * self.item_gmf(item)
        mlp = self.mlp(torch.cat([self.user_mlp(user), self.item_mlp(item)], -1))
        return self.predict(torch.cat([gmf, mlp], -1)).reshape(-1)


FRAMES = 1229
# Sentiment140 tokens per sample: the padded length of a batch (its longest tweet, 140 characters at most in
# 2009, in WordPiece pieces plus [CLS] and [SEP]); an estimate, see assumptions.md.
SENTIMENT_TOKENS = 48


def workloads():
    return {
        "resnet50": (lambda: torchvision.models.resnet50(weights=None),
                     lambda: (torch.randn(2, 3, 224, 224),), ["input"]),
        "shufflenetv2": (ShuffleNetV2Cifar, lambda: (torch.randn(2, 3, 32, 32),), ["input"]),
        "bert_squad": (lambda: Bert(384, "span"), lambda: (torch.randint(0, 30522, (2, 384)),), ["input_ids"]),
        "bert_sentiment": (lambda: Bert(SENTIMENT_TOKENS, "class"),
                           lambda: (torch.randint(0, 30522, (2, SENTIMENT_TOKENS)),),
                           ["input_ids"]),
        "deepspeech2": (DeepSpeech2, lambda: (torch.randn(2, 1, 161, FRAMES), torch.zeros(2, 2, 1024),
                                              torch.zeros(2, 2, 1024)), ["spectrogram", "h0", "c0"]),
        "ncf": (NeuMF, lambda: (torch.randint(0, 6040, (2,)), torch.randint(0, 3706, (2,))), ["user", "item"]),
    }


class Frames(nn.Module):
    """Binds DeepSpeech2's (constant) frame count so the traced graph has constant reshapes.

    The LSTMs' zero initial state is an input (h0, c0 of shape 2 x N x 1024, shared by the five layers) so
    that the exporter does not build it from the batch size with Shape and ConstantOfShape nodes.
    """

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, x, h0, c0):
        return self.net(x, FRAMES, h0, c0)


def export(name, out_dir):
    make, inputs, names = workloads()[name]
    torch.manual_seed(1)
    model = make()
    if name == "deepspeech2":
        model = Frames(model)
    model.eval()
    path = os.path.join(out_dir, f"{name}.onnx")
    axes = {n: {1 if n in ("h0", "c0") else 0: "N"} for n in names}
    torch.onnx.export(model, inputs(), path, input_names=names, output_names=["output"], dynamic_axes=axes,
                      opset_version=OPSET, dynamo=False)
    params = sum(p.numel() for p in model.parameters())
    print(f"{name}: {path} ({params} parameters)")


def main(argv):
    if not argv or argv[0].startswith("--"):
        sys.exit(__doc__)
    out_dir = argv[0]
    only = argv[argv.index("--only") + 1:] if "--only" in argv else list(workloads())
    os.makedirs(out_dir, exist_ok=True)
    for name in only:
        export(name, out_dir)


if __name__ == "__main__":
    main(sys.argv[1:])
