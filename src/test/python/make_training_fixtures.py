#!/usr/bin/python3
"""Writes the fixtures of FastTrainerParityTest: three steps of pytorch/examples'
fast_neural_style training loop (neural_style.py, train()), run by PyTorch on a tiny loss network.

Run with Debian's PyTorch 1.13:  /usr/bin/python3 src/test/python/make_training_fixtures.py

The loop below is the example's, line for line where it matters: images ToTensor()*255, the style
at its own size, normalize_batch (x/255, ImageNet mean/std), content loss = content_weight *
MSE(relu2_2 of output, relu2_2 of input), style loss = style_weight * sum over relu1_2, relu2_2,
relu3_3, relu4_3 of MSE(gram(output), gram(style)), gram = F F^T / (C H W), Adam.
The loss network has VGG16's layout (torchvision's `features` indices) with 4 and 8 channels.
The learning rate is 1e-4, not the example's 1e-3: Adam's first steps move every weight by about
+-lr whatever the size of its gradient, so the few weights whose gradient sign float rounding
decides (PyTorch 1.13 here, 2.7 in DJL) move apart by 2 lr; a smaller lr keeps that from
dominating the comparison of the later losses.

Files (in src/test/resources/fixtures/train/):
  tiny_vgg16.pth          the loss network's `features.N.weight/bias` (zip serialization)
  images/content0.png,
  images/content1.png     the training pictures, 32x32 RGB
  style.png               the style picture, 24x28 RGB
  steps.json              per step: content and style loss (before the update); after the
                          last step: the L2 norm of each tensor's change, and deconv3.conv2d.bias
The starting weights are fixtures/fast/transformer_net_legacy.pth (make_fast_fixtures.py).
"""
import json
import os

import numpy as np
import torch
import torch.nn as nn
from PIL import Image

from make_fast_fixtures import TransformerNet

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "fixtures", "train")
START = os.path.join(HERE, "..", "resources", "fixtures", "fast", "transformer_net_legacy.pth")

CONFIG = [4, 4, "M", 8, 8, "M", 8, 8, 8, "M", 8, 8, 8]
STEPS = 3
CONTENT_WEIGHT = 1e5
STYLE_WEIGHT = 1e10
LEARNING_RATE = 1e-4


def vgg_features():
    # torchvision.models.vgg.make_layers for this configuration, so the indices are VGG16's.
    layers, channels = [], 3
    for v in CONFIG:
        if v == "M":
            layers.append(nn.MaxPool2d(kernel_size=2, stride=2))
        else:
            layers += [nn.Conv2d(channels, v, kernel_size=3, padding=1), nn.ReLU(inplace=True)]
            channels = v
    features = nn.Sequential(*layers)
    with torch.no_grad():
        for m in features:
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, nonlinearity="relu")
                m.bias.normal_(0, 0.01)
    return features


class Vgg16(nn.Module):
    """pytorch/examples' vgg.Vgg16: the four slices end at relu1_2, relu2_2, relu3_3, relu4_3."""

    def __init__(self, features):
        super().__init__()
        self.slices = nn.ModuleList([features[0:4], features[4:9], features[9:16], features[16:23]])
        for p in self.parameters():
            p.requires_grad = False

    def forward(self, x):
        out = []
        for s in self.slices:
            x = s(x)
            out.append(x)
        return out  # relu1_2, relu2_2, relu3_3, relu4_3


def gram_matrix(y):
    (b, ch, h, w) = y.size()
    features = y.view(b, ch, w * h)
    return features.bmm(features.transpose(1, 2)) / (ch * h * w)


def normalize_batch(batch):
    mean = batch.new_tensor([0.485, 0.456, 0.406]).view(-1, 1, 1)
    std = batch.new_tensor([0.229, 0.224, 0.225]).view(-1, 1, 1)
    batch = batch.div_(255.0)
    return (batch - mean) / std


def picture(generator, width, height):
    # Smooth colour fields plus a little noise: content the network can learn from.
    yy, xx = torch.meshgrid(torch.linspace(0, 1, height), torch.linspace(0, 1, width), indexing="ij")
    phase = torch.rand(3, generator=generator) * 6.28
    rgb = torch.stack([0.5 + 0.4 * torch.sin(6 * xx + 4 * yy + p) for p in phase])
    rgb += 0.05 * torch.rand(3, height, width, generator=generator)
    return (rgb.clamp(0, 1) * 255).round().to(torch.uint8).permute(1, 2, 0).numpy()


def to_tensor_255(array):
    # ToTensor() then mul(255), as the example's transforms.
    return torch.from_numpy(array.astype(np.float32) / 255.0).permute(2, 0, 1).mul(255)


def main():
    os.makedirs(os.path.join(OUT, "images"), exist_ok=True)
    torch.manual_seed(31)
    generator = torch.Generator().manual_seed(5)
    contents = []
    for i in range(2):
        array = picture(generator, 32, 32)
        Image.fromarray(array).save(os.path.join(OUT, "images", f"content{i}.png"))
        contents.append(to_tensor_255(array))
    style_array = picture(generator, 24, 28)
    Image.fromarray(style_array).save(os.path.join(OUT, "style.png"))

    features = vgg_features()
    torch.save({f"features.{k}": v for k, v in features.state_dict().items()}, os.path.join(OUT, "tiny_vgg16.pth"))
    vgg = Vgg16(features)

    state = torch.load(START)
    for k in list(state.keys()):
        if k.endswith("running_mean") or k.endswith("running_var"):
            del state[k]
    transformer = TransformerNet()
    transformer.load_state_dict(state)
    start = {k: v.clone() for k, v in transformer.state_dict().items()}
    optimizer = torch.optim.Adam(transformer.parameters(), LEARNING_RATE)
    mse_loss = torch.nn.MSELoss()

    style = to_tensor_255(style_array).unsqueeze(0)
    features_style = vgg(normalize_batch(style))
    gram_style = [gram_matrix(y) for y in features_style]

    x_batch = torch.stack(contents)
    steps = []
    for _ in range(STEPS):
        n_batch = len(x_batch)
        optimizer.zero_grad()
        x = x_batch.clone()
        y = transformer(x)
        y = normalize_batch(y)
        x = normalize_batch(x)
        features_y = vgg(y)
        features_x = vgg(x)
        content_loss = CONTENT_WEIGHT * mse_loss(features_y[1], features_x[1])
        style_loss = 0.0
        for ft_y, gm_s in zip(features_y, gram_style):
            gm_y = gram_matrix(ft_y)
            style_loss += mse_loss(gm_y, gm_s.expand(n_batch, -1, -1))
        style_loss *= STYLE_WEIGHT
        total_loss = content_loss + style_loss
        total_loss.backward()
        optimizer.step()
        steps.append({"content": content_loss.item(), "style": style_loss.item()})
        print(steps[-1])

    final = transformer.state_dict()
    change = {k: (final[k] - start[k]).norm().item() for k in final}
    with open(os.path.join(OUT, "steps.json"), "w") as f:
        json.dump({"content_weight": CONTENT_WEIGHT, "style_weight": STYLE_WEIGHT, "learning_rate": LEARNING_RATE, "batch_size": 2,
                   "image_size": 32, "steps": steps, "change_norm": change,
                   "deconv3.conv2d.bias": final["deconv3.conv2d.bias"].tolist()}, f, indent=1)


if __name__ == "__main__":
    main()
