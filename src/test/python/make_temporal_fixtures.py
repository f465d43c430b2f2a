#!/usr/bin/python3
"""Writes the fixture of org.neuralstyle.loss.TemporalLossTest: the short-term temporal loss of
Ruder, Dosovitskiy and Brox (2016), (1/D) * sum(c * (x - w)^2) with D = 3*H*W, and its gradient
with respect to the image, as PyTorch's autograd computes them.

Run with Debian's PyTorch 1.13:  /usr/bin/python3 src/test/python/make_temporal_fixtures.py

File: src/test/resources/fixtures/temporal/temporal_loss.json with
  shape      [1, 3, H, W]
  image      the image x, flat (NCHW)
  target     the warped previous result w, flat (NCHW)
  weights    the per-pixel weights c, 1x1xHxW flat: 0/1 as the consistency check gives, and
             a few fractional ones to check the weighting itself
  loss       the loss
  gradient   d loss / d x, flat (NCHW)
"""
import json
import os

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "fixtures",
                   "temporal", "temporal_loss.json")

torch.manual_seed(11)
H, W = 5, 7
x = torch.rand(1, 3, H, W, dtype=torch.float32, requires_grad=True)
w = torch.rand(1, 3, H, W, dtype=torch.float32)
c = (torch.rand(1, 1, H, W) > 0.3).float()
c[0, 0, 0, :3] = torch.tensor([0.25, 0.5, 0.75])

loss = (c * (x - w) ** 2).sum() / x.numel()
loss.backward()

os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w") as f:
    json.dump({
        "torch": torch.__version__,
        "shape": list(x.shape),
        "image": x.detach().flatten().tolist(),
        "target": w.flatten().tolist(),
        "weights": c.flatten().tolist(),
        "loss": loss.item(),
        "gradient": x.grad.flatten().tolist(),
    }, f)
print("wrote", OUT, "loss", loss.item())
