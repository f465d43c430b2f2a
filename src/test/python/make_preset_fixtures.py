#!/usr/bin/python3
"""Writes the preset parity fixtures: each preset's PyTorch reference (src/test/python/presets/,
written from its seed) run on tiny random VGGs and small random pictures.

Run with Debian's PyTorch:  /usr/bin/python3 src/test/python/make_preset_fixtures.py
Writes into src/test/resources/fixtures/presets/:
  tiny_vgg19.pth, tiny_vgg16.pth - torchvision-layout networks with 4 to 8 channels
  <preset>.pth                   - content, style, the losses of every evaluation, the image
"""
import collections
import os
import sys

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "presets"))
import common  # noqa: E402
import gatys2016  # noqa: E402
import keras_vgg16  # noqa: E402
import yunjey  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "fixtures",
                   "presets")
os.makedirs(OUT, exist_ok=True)

vgg19 = common.make_features(common.TINY_VGG19, 19)
vgg16 = common.make_features(common.TINY_VGG16, 16)
torch.save(common.state_dict(vgg19), os.path.join(OUT, "tiny_vgg19.pth"))
torch.save(common.state_dict(vgg16), os.path.join(OUT, "tiny_vgg16.pth"))
not_in_place = {
    "vgg19": common.make_features(common.TINY_VGG19, 19, inplace=False),
    "vgg16": common.make_features(common.TINY_VGG16, 16, inplace=False),
}

torch.manual_seed(7)
# Smooth-ish pictures: random coarse grids upsampled, so the nets see structure.
content = torch.nn.functional.interpolate(torch.rand(1, 3, 8, 10), size=(32, 40),
                                          mode="bilinear", align_corners=False)
style = torch.rand(1, 3, 32, 40)  # the content's size: no resampling on either side


def save(name, seen, image, **extra):
    torch.save(collections.OrderedDict([
        ("content", content[0].clone()),
        ("style", style[0].clone()),
        ("losses", torch.tensor(seen, dtype=torch.float32)),
        ("result", image[0].clone()),
    ] + [(k, torch.tensor(v)) for k, v in extra.items()]), os.path.join(OUT, name + ".pth"))
    print("%s: %d evaluations; iteration 0 %s; last %s" % (name, len(seen), seen[0], seen[-1]))


with torch.no_grad():
    pass
seen, image = yunjey.stylize(vgg19, content, style, steps=10)
save("yunjey", seen, image)
seen, image = keras_vgg16.stylize(not_in_place["vgg16"], content, style, iterations=20)
save("keras-vgg16", seen, image)
seen, image = gatys2016.stylize(not_in_place["vgg19"], content, style, iterations=20)
save("gatys2016", seen, image)
