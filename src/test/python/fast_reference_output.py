#!/usr/bin/python3
"""PyTorch's output of a fast style model for one image, to measure the Java stylizer against.

    /usr/bin/python3 src/test/python/fast_reference_output.py MODEL.pth INPUT.f32 H W OUTPUT.f32

INPUT.f32 holds the image as 3xHxW little-endian float32 in 0..255 (planar RGB); OUTPUT.f32
gets the network's output the way pytorch/examples' stylize computes it: the image as it is
(sides rounded up to a multiple of 4 by the network), clamped to 0..255, cropped back to HxW.
The model is a state dict in the pytorch/examples layout (the stale InstanceNorm running
statistics of the published models are deleted, as the example does). docs/fast-tiling.md
uses it with the fixture network on a 641x427 photo.
"""
import re
import sys

import numpy as np
import torch

from make_fast_fixtures import TransformerNet


def main(model, source, h, w, target):
    h, w = int(h), int(w)
    state = torch.load(model)
    for k in list(state.keys()):
        if re.search(r"in\d+\.running_(mean|var)$", k):
            del state[k]
    net = TransformerNet()
    net.load_state_dict(state)
    net.eval()
    x = torch.from_numpy(np.fromfile(source, dtype="<f4").reshape(1, 3, h, w))
    with torch.no_grad():
        y = net(x).clamp(0, 255)[:, :, :h, :w]
    y.contiguous().numpy().astype("<f4").tofile(target)
    print(f"input {tuple(x.shape)} -> output cropped to {tuple(y.shape)}")


if __name__ == "__main__":
    main(*sys.argv[1:])
