"""Shared pieces of the preset references: tiny random VGGs in torchvision's layout, layer
names as the style-transfer literature gives them, and java.util.Random (the engine draws its
noise start images from it, so that a seed gives the same start on every device)."""
import collections

import torch
import torch.nn as nn

MEAN = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)
STD = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)
CAFFE_MEAN_BGR = torch.tensor([103.939, 116.779, 123.68]).view(1, 3, 1, 1)

# torchvision's cfgs "E" (VGG19) and "D" (VGG16), with few channels.
TINY_VGG19 = [4, 4, "M", 6, 6, "M", 8, 8, 8, 8, "M", 8, 8, 8, 8, "M", 8, 8, 8, 8, "M"]
TINY_VGG16 = [4, 4, "M", 6, 6, "M", 8, 8, 8, "M", 8, 8, 8, "M", 8, 8, 8, "M"]


def make_features(cfg, seed, inplace=True):
    """torchvision's make_layers: conv 3x3 pad 1, ReLU(inplace=True) as torchvision builds it,
    'M' a 2x2 max pooling. Weights drawn from a seeded generator."""
    torch.manual_seed(seed)
    layers, in_ch = [], 3
    for v in cfg:
        if v == "M":
            layers.append(nn.MaxPool2d(2, 2))
        else:
            conv = nn.Conv2d(in_ch, v, 3, padding=1)
            nn.init.kaiming_normal_(conv.weight, nonlinearity="relu")
            nn.init.normal_(conv.bias, std=0.05)
            layers += [conv, nn.ReLU(inplace=inplace)]
            in_ch = v
    return nn.Sequential(*layers).eval()


def state_dict(features):
    return collections.OrderedDict(("features." + k, v.detach().clone())
                                   for k, v in features.state_dict().items())


def layer_names(features):
    """Module index -> name: conv{block}_{k}, relu{block}_{k}, pool{block}."""
    names, block, k = {}, 1, 0
    for i, m in enumerate(features):
        if isinstance(m, nn.Conv2d):
            k += 1
            names[i] = "conv%d_%d" % (block, k)
        elif isinstance(m, nn.ReLU):
            names[i] = "relu%d_%d" % (block, k)
        else:
            names[i] = "pool%d" % block
            block, k = block + 1, 0
    return names


def with_average_pooling(features):
    return nn.Sequential(*[nn.AvgPool2d(2, 2) if isinstance(m, nn.MaxPool2d) else m
                           for m in features]).eval()


def outputs(features, x, wanted):
    """The outputs of the named layers, stopping after the deepest. The ReLUs must not work in
    place here: a stored conv output would be overwritten (yunjey.py shows that effect on
    purpose)."""
    names = layer_names(features)
    out = {}
    for i, m in enumerate(features):
        x = m(x)
        if names[i] in wanted:
            out[names[i]] = x
        if len(out) == len(set(wanted)):
            break
    return out


class JavaRandom:
    """java.util.Random: the 48-bit linear congruential generator and nextFloat()."""

    def __init__(self, seed):
        self.state = (seed ^ 0x5DEECE66D) & ((1 << 48) - 1)

    def next_bits(self, bits):
        self.state = (self.state * 0x5DEECE66D + 0xB) & ((1 << 48) - 1)
        return self.state >> (48 - bits)

    def next_float(self):
        return self.next_bits(24) / float(1 << 24)


def java_uniform(seed, shape):
    """What the engine's uniform noise start holds: nextFloat() for each value, planes in order."""
    r = JavaRandom(seed)
    n = 1
    for s in shape:
        n *= s
    return torch.tensor([r.next_float() for _ in range(n)], dtype=torch.float32).view(*shape)


def run_lbfgs(x, closure_losses, iterations, line_search):
    """torch.optim.LBFGS defaults (lr 1, max_iter 20), whole steps until `iterations`
    evaluations are done, as the engine runs it. Returns the losses of every evaluation."""
    optimizer = torch.optim.LBFGS([x], line_search_fn=line_search)
    seen = []

    def closure():
        optimizer.zero_grad()
        terms = closure_losses(x)
        total = terms[0] + terms[1] + terms[2]
        total.backward()
        seen.append([float(t) for t in terms])
        return total

    while len(seen) < iterations:
        optimizer.step(closure)
    return seen
