"""Keras' VGG16 style transfer (seed 001), with torchvision-layout VGG16 weights.

Seed 001 lines 112-155: content 0.025 * sum((combination - content)**2) on block2_conv2 (a Keras
conv layer includes its ReLU: relu2_2); style on block1_conv2, block2_conv2, block3_conv3,
block4_conv3, block5_conv3, each (5.0 / 5) * sum((S - C)**2) / (4. * 3**2 * (height*width)**2)
with unnormalized Gram matrices and the image's height and width; total variation
1.0 * sum((a + b)**1.25) over [0:H-1, 0:W-1] with a, b the squared vertical and horizontal
differences, in 0-255 units. Line 193: the start is uniform(0, 255) - 128 in Caffe units.
Lines 197-201: scipy's fmin_l_bfgs_b; here torch's L-BFGS with line_search_fn="strong_wolfe".

With torchvision's weights the network input is torchvision's normalization (issue 13), and the
optimized variable is that input. The start keeps the seed's pixels: Caffe units (BGR, means
subtracted) are turned into RGB pixels in [0, 1] and normalized. The total variation stays in
0-255 units of those pixels, the seed's variable's units.
"""
import torch

from common import MEAN, STD, CAFFE_MEAN_BGR, java_uniform, outputs, run_lbfgs

CONTENT = "relu2_2"
STYLE = ["relu1_2", "relu2_2", "relu3_3", "relu4_3", "relu5_3"]


def gram(x):
    c = x.shape[1]
    f = x.view(c, -1)
    return torch.mm(f, f.t())


def start_image(seed, height, width):
    """Uniform [0, 255) - 128 in Caffe units (the engine's generator), as RGB pixels."""
    noise = java_uniform(seed, (1, 3, height, width)) * 255.0 - 128.0
    pixels_bgr = (noise + CAFFE_MEAN_BGR) / 255.0
    return pixels_bgr.flip(1)


def stylize(features, content, style, iterations, seed=0):
    _, _, height, width = content.shape
    content_in = (content - MEAN) / STD
    style_in = (style - MEAN) / STD
    with torch.no_grad():
        p = outputs(features, content_in, [CONTENT])[CONTENT]
        s_grams = {k: gram(v) for k, v in outputs(features, style_in, STYLE).items()}
    x = ((start_image(seed, height, width) - MEAN) / STD).requires_grad_(True)

    def losses(x):
        f = outputs(features, x, STYLE + [CONTENT])
        content_loss = 0.025 * torch.sum((f[CONTENT] - p) ** 2)
        style_loss = 0
        for layer in STYLE:
            sl = torch.sum((s_grams[layer] - gram(f[layer])) ** 2) / (
                4. * (3 ** 2) * ((height * width) ** 2))
            style_loss = style_loss + (5.0 / len(STYLE)) * sl
        img = (x * STD + MEAN) * 255.0
        a = (img[:, :, :height - 1, :width - 1] - img[:, :, 1:, :width - 1]) ** 2
        b = (img[:, :, :height - 1, :width - 1] - img[:, :, :height - 1, 1:]) ** 2
        tv = 1.0 * torch.sum(torch.pow(a + b, 1.25))
        return content_loss, style_loss, tv

    seen = run_lbfgs(x, losses, iterations, "strong_wolfe")
    image = (x.detach() * STD + MEAN).clamp(0, 1)
    return seen, image
