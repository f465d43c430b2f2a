#!/usr/bin/python3
"""Writes the fixture of org.neuralstyle.loss.GuidedGramTest: the guided style loss of Gatys et al.
2017 ("Controlling perceptual factors in neural style transfer") and its gradient, as PyTorch
computes them, for a seeded random feature map, two soft region masks and two target Gram matrices.

    guided Gram of region r:  G_r = (F * m_r) @ F^T / (C * sum(m_r))   (F: C x HW, m_r: HW weights)
    loss:                     sum_r w_r * mean((G_r - A_r)^2)

Run with Debian's PyTorch 1.13:  /usr/bin/python3 src/test/python/make_guided_gram_fixtures.py
Writes src/test/resources/fixtures/loss/guided_gram.json (the same numbers on every run).
"""
import json
import os

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "fixtures", "loss")

torch.manual_seed(2017)
C, H, W = 6, 5, 7
features = torch.randn(1, C, H, W, dtype=torch.float64)
# Region 1: the left, fading out to the right; region 2: the rest, with a hole of zeros.
x = torch.arange(W, dtype=torch.float64).repeat(H, 1)
m1 = torch.clamp(1.2 - x / (W - 1) * 1.5, 0, 1)
m2 = 1 - m1
m2[1:3, 4:6] = 0
masks = [m1, m2]
weights = [1.0, 0.5]
targets = []
for _ in masks:
    a = torch.randn(C, C, dtype=torch.float64) * 0.3
    targets.append(a @ a.T)

f = features.clone().requires_grad_(True)
flat = f.reshape(C, H * W)
loss = 0
for m, a, w in zip(masks, targets, weights):
    g = (flat * m.reshape(1, -1)) @ flat.T / (C * m.sum())
    loss = loss + w * ((g - a) ** 2).mean()
loss.backward()

fixture = {
    "shape": [1, C, H, W],
    "features": features.flatten().tolist(),
    "masks": [m.flatten().tolist() for m in masks],
    "areas": [float(m.sum()) for m in masks],
    "targets": [a.flatten().tolist() for a in targets],
    "weights": weights,
    "loss": float(loss),
    "gradient": f.grad.flatten().tolist(),
    "torch": torch.__version__,
}
os.makedirs(OUT, exist_ok=True)
with open(os.path.join(OUT, "guided_gram.json"), "w") as out:
    json.dump(fixture, out, indent=1)
print("loss", float(loss))
