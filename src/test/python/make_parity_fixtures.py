#!/usr/bin/python3
"""Writes the parity fixture for the Gatys optimization: what PyTorch computes with the
algorithm of the PyTorch "Neural Transfer" tutorial (L-BFGS, clamp inside the closure, content
loss on conv2_2, style losses on conv1_1..conv3_1, Gram / (C*H*W), weights 1 and 1e6) on a tiny
VGG with random weights.

Run with Debian's PyTorch:  /usr/bin/python3 src/test/python/make_parity_fixtures.py
Writes into src/test/resources/fixtures/parity/:
  tiny_vgg.pth  - the network, torchvision layout (features.N.weight), legacy serialization
                  like vgg19-dcbb9e9d.pth
  parity.pth    - content, style, per-evaluation losses and the image after 20 iterations
"""
import collections
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "fixtures", "parity")
torch.manual_seed(1234)

# torchvision's make_layers pattern: conv 3x3 pad 1, ReLU, 'M' = max pool 2x2
CFG = [4, 4, "M", 8, 8, "M", 16]
layers, in_ch = [], 3
for v in CFG:
    if v == "M":
        layers.append(nn.MaxPool2d(2, 2))
    else:
        conv = nn.Conv2d(in_ch, v, 3, padding=1)
        nn.init.kaiming_normal_(conv.weight, nonlinearity="relu")
        nn.init.normal_(conv.bias, std=0.05)
        layers += [conv, nn.ReLU(inplace=False)]
        in_ch = v
features = nn.Sequential(*layers).eval()
state = collections.OrderedDict(("features." + k, v.detach().clone()) for k, v in features.state_dict().items())
os.makedirs(OUT, exist_ok=True)
torch.save(state, os.path.join(OUT, "tiny_vgg.pth"), _use_new_zipfile_serialization=False)

content = torch.rand(1, 3, 24, 32)
style = torch.rand(1, 3, 30, 32)  # long side = the content's: not resampled
mean = torch.tensor([0.485, 0.456, 0.406]).view(-1, 1, 1)
std = torch.tensor([0.229, 0.224, 0.225]).view(-1, 1, 1)


def gram(x):
    a, b, c, d = x.size()
    f = x.view(a * b, c * d)
    return torch.mm(f, f.t()).div(a * b * c * d)


CONTENT_LAYERS = ["conv_4"]
STYLE_LAYERS = ["conv_1", "conv_2", "conv_3", "conv_4", "conv_5"]


def run(x, capture):
    """The tutorial's model: normalization, then the features, recording conv outputs."""
    out = {}
    x = (x - mean) / std
    i = 0
    for layer in features:
        x = layer(x)
        if isinstance(layer, nn.Conv2d):
            i += 1
            name = "conv_%d" % i
            if name in capture:
                out[name] = x
        if len(out) == len(capture):
            break
    return out


with torch.no_grad():
    content_targets = run(content, CONTENT_LAYERS)
    style_targets = {k: gram(v) for k, v in run(style, STYLE_LAYERS).items()}

img = content.clone().requires_grad_(True)
optimizer = torch.optim.LBFGS([img])
content_losses, style_losses = [], []


def closure():
    with torch.no_grad():
        img.clamp_(0, 1)
    optimizer.zero_grad()
    feats = run(img, sorted(set(CONTENT_LAYERS + STYLE_LAYERS)))
    c = sum(F.mse_loss(feats[k], content_targets[k]) for k in CONTENT_LAYERS) * 1.0
    s = sum(F.mse_loss(gram(feats[k]), style_targets[k]) for k in STYLE_LAYERS) * 1e6
    loss = c + s
    loss.backward()
    content_losses.append(c.item())
    style_losses.append(s.item())
    return loss


optimizer.step(closure)  # one step = 20 evaluations with the defaults
with torch.no_grad():
    img.clamp_(0, 1)

assert len(content_losses) == 20
torch.save(collections.OrderedDict([
    ("content", content[0].clone()),
    ("style", style[0].clone()),
    ("content_losses", torch.tensor(content_losses)),
    ("style_losses", torch.tensor(style_losses)),
    ("result", img.detach()[0].clone()),
]), os.path.join(OUT, "parity.pth"))
print("iter 0: content %.6g style %.6g; iter 19: content %.6g style %.6g" % (
    content_losses[0], style_losses[0], content_losses[-1], style_losses[-1]))
print("max pixel change", (img.detach() - content).abs().max().item())
