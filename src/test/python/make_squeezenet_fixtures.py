#!/usr/bin/python3
"""Writes the SqueezeNet fixtures: a tiny SqueezeNet 1.1 of random weights in torchvision's
layout, and what PyTorch computes after every module of its `features`, as the CS231n
assignment's extract_features takes them.

torchvision may be missing (Debian's python3-torch has none), so the modules are written here in
plain torch, as torchvision.models.squeezenet defines them: Fire = squeeze 1x1 + ReLU, then
expand1x1 (1x1) and expand3x3 (3x3, padding 1), each + ReLU, concatenated; SqueezeNet 1.1's
features = Conv2d(3, 64, 3, stride 2), ReLU, MaxPool(3, 2, ceil_mode), Fire, Fire, MaxPool, Fire,
Fire, MaxPool, Fire x4. The widths here are smaller than 1.1's (64; 16/64 ... 64/256), the
pattern is the same; a classifier is saved too, as the real file has one.

Run with Debian's PyTorch:  /usr/bin/python3 src/test/python/make_squeezenet_fixtures.py
Writes into src/test/resources/fixtures/squeezenet/:
  tiny_squeezenet.pth  - the state dict (torchvision key names), legacy serialization like
                         squeezenet1_1-b8a52dc0.pth
  features.pth         - 'input' (a network input, 1x3x37x45: odd sides exercise ceil_mode) and
                         'features.N' for every module N of features
"""
import collections
import os

import torch
import torch.nn as nn

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "fixtures", "squeezenet")
torch.manual_seed(4321)


class Fire(nn.Module):
    def __init__(self, inplanes, squeeze, expand1x1, expand3x3):
        super().__init__()
        self.squeeze = nn.Conv2d(inplanes, squeeze, kernel_size=1)
        self.squeeze_activation = nn.ReLU(inplace=True)
        self.expand1x1 = nn.Conv2d(squeeze, expand1x1, kernel_size=1)
        self.expand1x1_activation = nn.ReLU(inplace=True)
        self.expand3x3 = nn.Conv2d(squeeze, expand3x3, kernel_size=3, padding=1)
        self.expand3x3_activation = nn.ReLU(inplace=True)

    def forward(self, x):
        x = self.squeeze_activation(self.squeeze(x))
        return torch.cat([self.expand1x1_activation(self.expand1x1(x)),
                          self.expand3x3_activation(self.expand3x3(x))], 1)


def squeezenet1_1_features(c, s, e=2):
    """torchvision's squeezenet1_1 features with first width c, squeeze widths s[0..3] and each
    expand layer e times its squeeze width. squeezenet1_1_features(64, [16, 32, 48, 64], 4) is
    torchvision's SqueezeNet 1.1 at its real size."""
    return nn.Sequential(
        nn.Conv2d(3, c, kernel_size=3, stride=2),
        nn.ReLU(inplace=True),
        nn.MaxPool2d(kernel_size=3, stride=2, ceil_mode=True),
        Fire(c, s[0], e * s[0], e * s[0]),
        Fire(2 * e * s[0], s[0], e * s[0], e * s[0]),
        nn.MaxPool2d(kernel_size=3, stride=2, ceil_mode=True),
        Fire(2 * e * s[0], s[1], e * s[1], e * s[1]),
        Fire(2 * e * s[1], s[1], e * s[1], e * s[1]),
        nn.MaxPool2d(kernel_size=3, stride=2, ceil_mode=True),
        Fire(2 * e * s[1], s[2], e * s[2], e * s[2]),
        Fire(2 * e * s[2], s[2], e * s[2], e * s[2]),
        Fire(2 * e * s[2], s[3], e * s[3], e * s[3]),
        Fire(2 * e * s[3], s[3], e * s[3], e * s[3]),
    )


def randomize(module):
    for m in module.modules():
        if isinstance(m, nn.Conv2d):
            nn.init.kaiming_normal_(m.weight, nonlinearity="relu")
            nn.init.normal_(m.bias, std=0.05)


def extract_features(x, cnn):
    """CS231n's extract_features, on clones: torchvision's in-place ReLU would otherwise
    overwrite the stored output of module 0 (the Java network keeps the convolution's output)."""
    features = []
    prev = x
    for module in cnn._modules.values():
        nxt = module(prev.clone())
        features.append(nxt)
        prev = nxt
    return features


def state_dict(features, classes=10):
    classifier_conv = nn.Conv2d(features[-1].expand3x3.out_channels * 2, classes, kernel_size=1)
    randomize(classifier_conv)
    sd = collections.OrderedDict(("features." + k, v.detach().clone())
                                 for k, v in features.state_dict().items())
    # torchvision: classifier = Dropout, Conv2d(512, classes, 1), ReLU, AdaptiveAvgPool
    sd["classifier.1.weight"] = classifier_conv.weight.detach().clone()
    sd["classifier.1.bias"] = classifier_conv.bias.detach().clone()
    return sd


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    net = squeezenet1_1_features(8, [4, 6, 8, 10]).eval()
    randomize(net)
    torch.save(state_dict(net), os.path.join(OUT, "tiny_squeezenet.pth"),
               _use_new_zipfile_serialization=False)
    x = torch.randn(1, 3, 37, 45)
    with torch.no_grad():
        feats = extract_features(x, net)
    out = collections.OrderedDict([("input", x[0].clone())])
    for i, f in enumerate(feats):
        out["features.%d" % i] = f[0].clone()
        print("features.%d %s" % (i, tuple(f.shape)))
    torch.save(out, os.path.join(OUT, "features.pth"))
