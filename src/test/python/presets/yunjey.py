"""yunjey's pytorch-tutorial neural style transfer (seed 000), as its code computes it.

Seed 000 lines 57-89 and the code it names (yunjey/pytorch-tutorial, tutorials/03-advanced/
neural_style_transfer/main.py): VGG19 features after modules 0, 5, 10, 19 and 28; torchvision's
ReLUs work in place, so each stored conv output is overwritten by its ReLU (relu1_1 ... relu5_1).
The normalized tensor is optimized with Adam(lr=0.003, betas=[0.5, 0.999]) from the content;
content loss mean((f1-f2)**2), style loss mean((G-A)**2)/(c*h*w) with G = F F^T, total
content + 100 * style. No clamping while optimizing; the saved image is de-normalized and
clamped to [0, 1].
"""
import torch

from common import MEAN, STD

SELECT = ["0", "5", "10", "19", "28"]


class VGGNet(torch.nn.Module):
    def __init__(self, features):
        super().__init__()
        self.vgg = features  # ReLU(inplace=True), as torchvision builds VGG19

    def forward(self, x):
        features = []
        for name, layer in self.vgg._modules.items():
            x = layer(x)
            if name in SELECT:
                features.append(x)
        return features


def stylize(features, content, style, steps, style_weight=100.0, lr=0.003):
    """content, style: 1x3xHxW RGB in [0, 1], the style already at the content's shape.
    Returns the (content, style) losses of every step (before its update) and the image."""
    vgg = VGGNet(features)
    content = (content - MEAN) / STD
    style = (style - MEAN) / STD
    target = content.clone().requires_grad_(True)
    optimizer = torch.optim.Adam([target], lr=lr, betas=[0.5, 0.999])
    seen = []
    for step in range(steps):
        target_features = vgg(target)
        content_features = vgg(content)
        style_features = vgg(style)
        style_loss = 0
        content_loss = 0
        for f1, f2, f3 in zip(target_features, content_features, style_features):
            content_loss += torch.mean((f1 - f2) ** 2)
            _, c, h, w = f1.size()
            f1 = f1.view(c, h * w)
            f3 = f3.view(c, h * w)
            f1 = torch.mm(f1, f1.t())
            f3 = torch.mm(f3, f3.t())
            style_loss += torch.mean((f1 - f3) ** 2) / (c * h * w)
        loss = content_loss + style_weight * style_loss
        seen.append([float(content_loss), float(style_weight * style_loss), 0.0])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    image = (target.detach() * STD + MEAN).clamp(0, 1)
    return seen, image
