#!/usr/bin/python3
"""Writes the fixtures of org.neuralstyle.fast: a Johnson et al. transformation network with
seeded random weights, saved the way the published pytorch/examples fast models are (legacy
pickle .pth with stale InstanceNorm running statistics), and PyTorch's outputs for two inputs.

Run with Debian's PyTorch 1.13:  /usr/bin/python3 src/test/python/make_fast_fixtures.py

Files (in src/test/resources/fixtures/fast/):
  transformer_net_legacy.pth   state dict, legacy (pre-1.6, non-zip) serialization
  input_40x56.f32              1x3x40x56 input, 0..255, raw little-endian float32 (NCHW)
  output_40x56.f32             1x3x40x56 network output (not clamped)
  input_37x45.f32              1x3x37x45 input: sizes not divisible by 4
  output_37x45.f32             1x3x40x48 output: the network rounds odd sizes up, as in PyTorch

The tensors are the same on every run; the .pth bytes are not (legacy pickles record storage
ids), so regenerate only when the network or the inputs change.
"""
import os

import torch
import torch.nn as nn

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "fixtures", "fast")


# The module below follows the layout of pytorch/examples fast_neural_style/neural_style/
# transformer_net.py, so the state dict carries the same tensor names as the published models.
class ConvLayer(nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size, stride):
        super().__init__()
        self.reflection_pad = nn.ReflectionPad2d(kernel_size // 2)
        self.conv2d = nn.Conv2d(in_channels, out_channels, kernel_size, stride)

    def forward(self, x):
        return self.conv2d(self.reflection_pad(x))


class ResidualBlock(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.conv1 = ConvLayer(channels, channels, kernel_size=3, stride=1)
        self.in1 = nn.InstanceNorm2d(channels, affine=True)
        self.conv2 = ConvLayer(channels, channels, kernel_size=3, stride=1)
        self.in2 = nn.InstanceNorm2d(channels, affine=True)
        self.relu = nn.ReLU()

    def forward(self, x):
        out = self.relu(self.in1(self.conv1(x)))
        out = self.in2(self.conv2(out))
        return out + x


class UpsampleConvLayer(nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size, stride, upsample=None):
        super().__init__()
        self.upsample = upsample
        self.reflection_pad = nn.ReflectionPad2d(kernel_size // 2)
        self.conv2d = nn.Conv2d(in_channels, out_channels, kernel_size, stride)

    def forward(self, x):
        if self.upsample:
            x = nn.functional.interpolate(x, mode="nearest", scale_factor=self.upsample)
        return self.conv2d(self.reflection_pad(x))


class TransformerNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = ConvLayer(3, 32, kernel_size=9, stride=1)
        self.in1 = nn.InstanceNorm2d(32, affine=True)
        self.conv2 = ConvLayer(32, 64, kernel_size=3, stride=2)
        self.in2 = nn.InstanceNorm2d(64, affine=True)
        self.conv3 = ConvLayer(64, 128, kernel_size=3, stride=2)
        self.in3 = nn.InstanceNorm2d(128, affine=True)
        self.res1 = ResidualBlock(128)
        self.res2 = ResidualBlock(128)
        self.res3 = ResidualBlock(128)
        self.res4 = ResidualBlock(128)
        self.res5 = ResidualBlock(128)
        self.deconv1 = UpsampleConvLayer(128, 64, kernel_size=3, stride=1, upsample=2)
        self.in4 = nn.InstanceNorm2d(64, affine=True)
        self.deconv2 = UpsampleConvLayer(64, 32, kernel_size=3, stride=1, upsample=2)
        self.in5 = nn.InstanceNorm2d(32, affine=True)
        self.deconv3 = ConvLayer(32, 3, kernel_size=9, stride=1)
        self.relu = nn.ReLU()

    def forward(self, x):
        y = self.relu(self.in1(self.conv1(x)))
        y = self.relu(self.in2(self.conv2(y)))
        y = self.relu(self.in3(self.conv3(y)))
        y = self.res1(y)
        y = self.res2(y)
        y = self.res3(y)
        y = self.res4(y)
        y = self.res5(y)
        y = self.relu(self.in4(self.deconv1(y)))
        y = self.relu(self.in5(self.deconv2(y)))
        return self.deconv3(y)


def to_bfloat16_grid(t):
    # Values a bfloat16 can hold, stored as float32: the low 16 bits of every weight are zero, so
    # git's zlib halves the 6.7 MB fixture while PyTorch and DJL still compute in float32.
    return t.to(torch.bfloat16).to(torch.float32)


def make_net():
    torch.manual_seed(20240611)
    net = TransformerNet()
    with torch.no_grad():
        for name, module in net.named_modules():
            if isinstance(module, nn.InstanceNorm2d):
                # Identity affine parameters would hide a swapped weight/bias or a missing affine step.
                module.weight.copy_(1.0 + 0.25 * torch.randn_like(module.weight))
                module.bias.copy_(0.2 * torch.randn_like(module.bias))
        # A default-initialized last layer outputs values near 0; scale it so the output covers the
        # 0..255 range of a real style model, a little beyond at both ends.
        probe = net(torch.rand(1, 3, 40, 56) * 255)
        net.deconv3.conv2d.weight.mul_(90.0 / probe.std().item())
        net.deconv3.conv2d.bias.fill_(0.0).add_(128.0 + 5.0 * torch.randn(3))
        for p in net.parameters():
            p.copy_(to_bfloat16_grid(p))
    net.eval()
    return net


def with_stale_running_stats(state):
    # The published models were saved by a PyTorch whose InstanceNorm kept running statistics;
    # pytorch/examples deletes these keys before load_state_dict. Reproduce them.
    out = dict()
    for name, tensor in state.items():
        out[name] = tensor
        if name.endswith(".bias") and (name.split(".")[-2].startswith("in")):
            prefix = name[: -len("bias")]
            out[prefix + "running_mean"] = torch.zeros_like(tensor)
            out[prefix + "running_var"] = torch.ones_like(tensor)
    return out


def write_f32(path, tensor):
    with open(path, "wb") as f:
        f.write(tensor.detach().contiguous().to(torch.float32).numpy().astype("<f4").tobytes())


def main():
    os.makedirs(OUT, exist_ok=True)
    net = make_net()
    state = with_stale_running_stats(net.state_dict())
    torch.save(state, os.path.join(OUT, "transformer_net_legacy.pth"), _use_new_zipfile_serialization=False)

    generator = torch.Generator().manual_seed(7)
    for h, w in [(40, 56), (37, 45)]:
        x = torch.rand(1, 3, h, w, generator=generator) * 255
        with torch.no_grad():
            y = net(x)
        write_f32(os.path.join(OUT, f"input_{h}x{w}.f32"), x)
        write_f32(os.path.join(OUT, f"output_{h}x{w}.f32"), y)
        print(f"input {tuple(x.shape)} -> output {tuple(y.shape)}, range {y.min().item():.1f}..{y.max().item():.1f}")
    print("parameters:", sum(p.numel() for p in net.parameters()))


if __name__ == "__main__":
    main()
