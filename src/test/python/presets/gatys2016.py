"""Gatys, Ecker and Bethge (2016) as seed 004's slides give it.

Seed 004 line 147: content on conv4_4 (the paper uses conv4_2); line 149: 1/2 sum((F - P)**2).
Line 175: style on conv1_1, conv2_1, conv3_1, conv4_1, conv5_1; line 179:
E_l = sum((G - A)**2) / (4 N_l**2 M_l**2), G = F F^T; w_l = 1/5 and alpha/beta = 1e-3 from the
paper; line 202: alpha * content + beta * style. From the paper: a white-noise start, average
pooling, L-BFGS. Not in slides or paper, decided for the engine: the noise is uniform in [0, 1)
per pixel value (java.util.Random), the optimized variable is the RGB image in [0, 1] with
torchvision's normalization in front of the network, no clamping (the result is clipped).
"""
import torch

from common import MEAN, STD, java_uniform, outputs, run_lbfgs, with_average_pooling

CONTENT = "conv4_4"
STYLE = ["conv1_1", "conv2_1", "conv3_1", "conv4_1", "conv5_1"]
ALPHA, BETA = 1.0, 1e3


def gram(x):
    c = x.shape[1]
    f = x.view(c, -1)
    return torch.mm(f, f.t())


def stylize(features, content, style, iterations, seed=0):
    net = with_average_pooling(features)
    _, _, height, width = content.shape
    with torch.no_grad():
        p = outputs(net, (content - MEAN) / STD, [CONTENT])[CONTENT]
        a_grams = {k: gram(v) for k, v in outputs(net, (style - MEAN) / STD, STYLE).items()}
    x = java_uniform(seed, (1, 3, height, width)).requires_grad_(True)

    def losses(x):
        f = outputs(net, (x - MEAN) / STD, STYLE + [CONTENT])
        content_loss = ALPHA * (0.5 * torch.sum((f[CONTENT] - p) ** 2))
        style_loss = 0
        for layer in STYLE:
            _, n, h, w = f[layer].shape
            m = h * w
            e = torch.sum((gram(f[layer]) - a_grams[layer]) ** 2) / (4 * n ** 2 * m ** 2)
            style_loss = style_loss + 0.2 * e
        return content_loss, BETA * style_loss, torch.zeros(())

    seen = run_lbfgs(x, losses, iterations, "strong_wolfe")
    return seen, x.detach().clamp(0, 1)
