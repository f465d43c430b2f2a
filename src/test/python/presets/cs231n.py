#!/usr/bin/python3
"""The CS231n assignment 3 style transfer (seed 002) in PyTorch, as the assignment's code runs it,
and the fixture of the `cs231n` preset: what it computes on the tiny random SqueezeNet 1.1 of
make_squeezenet_fixtures.py for two small random pictures.

From the seed: extract_features (every module's output), content_loss
(w * sum((P - F)^2)), gram_matrix (F F^T / (H W C)), style_loss (sum over layers of
w_l * sum((A - G)^2)), tv_loss ((sum of squared vertical + horizontal differences) * w).
From the assignment's style_transfer, which the seed describes but does not print: the image is
preprocessed with the ImageNet mean/std (SQUEEZENET_MEAN/STD) and that tensor is optimized; Adam
with lr 3.0; at t == 180 a new Adam with lr 0.1; img.data.clamp_(-1.5, 1.5) before each of the
first 190 iterations; 200 iterations; deprocess = de-normalize, then rescale to [min, max] -> [0, 1].
The layers and weights are those of its "The Scream" example: content layer 3, weight 6e-2; style
layers (1, 4, 6, 7) with weights (300000, 1000, 15, 3); tv weight 2e-2.

Run with Debian's PyTorch:  /usr/bin/python3 src/test/python/presets/cs231n.py
Writes src/test/resources/fixtures/presets/cs231n.pth:
  content, style      - RGB in [0, 1], 3xHxW (the content 40x48, the style 44x48: the same long
                        side, so the Java side uses it unresampled)
  content_losses, style_losses, tv_losses - per iteration t = 0 .. N-1, as computed in the loop
  result              - deprocess(img) after N = 30 iterations, 3xHxW
  result_200          - deprocess(img) after the full 200 iterations (the lr change and the end
                        of clamping included)
  losses_200          - the total loss of every one of the 200 iterations
"""
import collections
import os
import sys

import torch

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
sys.path.insert(0, HERE)
from make_squeezenet_fixtures import squeezenet1_1_features  # noqa: E402

SQUEEZE = os.path.join(HERE, "..", "resources", "fixtures", "squeezenet", "tiny_squeezenet.pth")
OUT = os.path.join(HERE, "..", "resources", "fixtures", "presets")
SQUEEZENET_MEAN = torch.tensor([0.485, 0.456, 0.406])
SQUEEZENET_STD = torch.tensor([0.229, 0.224, 0.225])
# The layers and weights of the assignment's "The Scream" example.
SCREAM = dict(content_layer=3, content_weight=6e-2, style_layers=(1, 4, 6, 7),
              style_weights=(300000, 1000, 15, 3), tv_weight=2e-2)


def extract_features(x, cnn):
    # torchvision's ReLU after module 0 works in place; it changes only features[0], which no
    # loss here uses.
    features = []
    prev_feat = x
    for module in cnn._modules.values():
        next_feat = module(prev_feat)
        features.append(next_feat)
        prev_feat = next_feat
    return features


def content_loss(content_weight, content_current, content_original):
    return content_weight * torch.sum((content_original - content_current) ** 2)


def gram_matrix(features, normalize=True):
    N, C, H, W = features.size()
    features = features.view(N, C, H * W)
    gram = features.matmul(features.permute(0, 2, 1))
    if normalize:
        gram /= (H * W * C)
    return gram


def style_loss(feats, style_layers, style_targets, style_weights):
    loss = torch.tensor(0.)
    for i in range(len(style_layers)):
        G_Mat = gram_matrix(feats[style_layers[i]])
        loss = loss + style_weights[i] * torch.sum((style_targets[i] - G_Mat) ** 2)
    return loss


def tv_loss(img, tv_weight):
    H_var = torch.sum((img[:, :, 1:, :] - img[:, :, :-1, :]) ** 2)
    W_var = torch.sum((img[:, :, :, 1:] - img[:, :, :, :-1]) ** 2)
    return (H_var + W_var) * tv_weight


def preprocess(rgb):
    """rgb: 3xHxW in [0, 1] -> 1x3xHxW, T.Normalize with the SqueezeNet mean/std."""
    return ((rgb - SQUEEZENET_MEAN.view(3, 1, 1)) / SQUEEZENET_STD.view(3, 1, 1))[None]


def deprocess(img):
    """T.Normalize(0, 1/std), T.Normalize(-mean, 1), rescale; without ToPILImage's rounding."""
    x = img[0]
    x = (x - 0) / (1.0 / SQUEEZENET_STD).view(3, 1, 1)
    x = (x + SQUEEZENET_MEAN.view(3, 1, 1)) / 1
    low, high = x.min(), x.max()
    return (x - low) / (high - low)


def style_transfer(cnn, content_rgb, style_rgb, content_layer, content_weight, style_layers,
                   style_weights, tv_weight, iterations, record):
    content_img = preprocess(content_rgb)
    feats = extract_features(content_img, cnn)
    content_target = feats[content_layer].clone()

    style_img = preprocess(style_rgb)
    feats = extract_features(style_img, cnn)
    style_targets = [gram_matrix(feats[idx].clone()) for idx in style_layers]

    img = content_img.clone()
    img.requires_grad_()
    initial_lr, decayed_lr, decay_lr_at = 3.0, 0.1, 180
    optimizer = torch.optim.Adam([img], lr=initial_lr)
    for t in range(iterations):
        if t < 190:
            img.data.clamp_(-1.5, 1.5)
        optimizer.zero_grad()
        feats = extract_features(img, cnn)
        c_loss = content_loss(content_weight, feats[content_layer], content_target)
        s_loss = style_loss(feats, style_layers, style_targets, style_weights)
        t_loss = tv_loss(img, tv_weight)
        loss = c_loss + s_loss + t_loss
        loss.backward()
        record(c_loss.item(), s_loss.item(), t_loss.item())
        if t == decay_lr_at:
            optimizer = torch.optim.Adam([img], lr=decayed_lr)
        optimizer.step()
    return deprocess(img.data)


def main():
    torch.manual_seed(2002)
    sd = torch.load(SQUEEZE)
    cnn = squeezenet1_1_features(8, [4, 6, 8, 10])
    cnn.load_state_dict({k[len("features."):]: v for k, v in sd.items() if k.startswith("features.")})
    cnn = cnn.eval()
    for p in cnn.parameters():
        p.requires_grad = False

    content = torch.rand(3, 40, 48)
    style = torch.rand(3, 44, 48)
    args = SCREAM

    c, s, t = [], [], []
    result = style_transfer(cnn, content, style, iterations=30,
                            record=lambda a, b, d: (c.append(a), s.append(b), t.append(d)), **args)
    totals = []
    result_200 = style_transfer(cnn, content, style, iterations=200,
                                record=lambda a, b, d: totals.append(a + b + d), **args)
    os.makedirs(OUT, exist_ok=True)
    torch.save(collections.OrderedDict([
        ("content", content.clone()), ("style", style.clone()),
        ("content_losses", torch.tensor(c, dtype=torch.float64)),
        ("style_losses", torch.tensor(s, dtype=torch.float64)),
        ("tv_losses", torch.tensor(t, dtype=torch.float64)),
        ("result", result.clone()),
        ("result_200", result_200.clone()),
        ("losses_200", torch.tensor(totals, dtype=torch.float64)),
    ]), os.path.join(OUT, "cs231n.pth"))
    print("iteration 0: content %.8g style %.8g tv %.8g" % (c[0], s[0], t[0]))
    print("iteration 29: content %.8g style %.8g tv %.8g" % (c[-1], s[-1], t[-1]))
    print("total at 0, 179, 180, 189, 190, 199:", [round(totals[i], 6) for i in (0, 179, 180, 189, 190, 199)])


if __name__ == "__main__":
    main()
