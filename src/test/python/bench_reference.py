#!/usr/bin/python3
"""The peer of `bench optimize` and `bench fast`: the same computations timed in PyTorch itself, on
the same machine, so that docs/benchmarks.md can show the engine and PyTorch side by side.

    /usr/bin/python3 src/test/python/bench_reference.py                      # CPU, fp32 + variants
    /usr/bin/python3 src/test/python/bench_reference.py --what optimize --size 512
    python3 src/test/python/bench_reference.py --device cuda                 # a GPU machine

What is timed (random weights of the real shapes, as in the Java bench: the speed does not depend
on the values):
  gemm      a 2048x2048 float32 matrix product, best of 5: the floor both benches divide by.
  optimize  one evaluation of the default optimization (VGG19 through conv3_1, ImageNet
            normalization, content loss at conv2_2, Gram matrices of conv1_1..conv3_1, the
            gradient to the image), inside torch.optim.LBFGS(max_iter=20) as the PyTorch tutorial
            runs it: seconds per evaluation.
  fast      one forward pass of the Johnson et al. transformation network (reflection padding,
            instance norm, nearest upsampling) without gradients: seconds per image.

Variants (--variants): fp32; channels-last (fp32, NHWC memory layout); bf16 and fp16
(torch.autocast: convolutions and products in reduced precision, Gram matrices' sums, losses and
the optimizer state as autocast leaves them, the image and its gradient in fp32). On a CPU,
PyTorch 1.13's autocast knows bf16 only; fp16 is skipped there.

Each line gives wall seconds, CPU seconds (user + system, all threads: time.process_time), the
FLOPs counted exactly as the Java bench counts them, and both ratios to the GEMM floor.
"""
import argparse
import contextlib
import os
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

VGG19_TO_CONV3_1 = [(3, 64), (64, 64), "pool", (64, 128), (128, 128), "pool", (128, 256)]
CONTENT = "conv2_2"
STYLE = ["conv1_1", "conv1_2", "conv2_1", "conv2_2", "conv3_1"]
STYLE_WEIGHT = 1e6


def sync(device):
    if device.type == "cuda":
        torch.cuda.synchronize()


def timed(fn, device, repeat):
    """Best wall time and mean CPU time of fn() over repeat runs after one warm-up."""
    fn()
    sync(device)
    best, cpu = float("inf"), 0.0
    for _ in range(repeat):
        c0, t0 = time.process_time(), time.perf_counter()
        fn()
        sync(device)
        best = min(best, time.perf_counter() - t0)
        cpu += time.process_time() - c0
    return best, cpu / repeat


def gemm(device, n=2048):
    a = torch.rand(n, n, device=device) * 2 - 1
    b = torch.rand(n, n, device=device) * 2 - 1
    wall, cpu = timed(lambda: a @ b, device, 5)
    flops = 2.0 * n ** 3
    return flops / wall, flops / cpu


class Vgg(nn.Module):
    """VGG19's features through conv3_1, named as the engine names them."""

    def __init__(self):
        super().__init__()
        self.layers = nn.ModuleList()
        self.names = []
        block, conv = 1, 0
        for spec in VGG19_TO_CONV3_1:
            if spec == "pool":
                self.layers.append(nn.MaxPool2d(2, 2))
                self.names.append("pool%d" % block)
                block, conv = block + 1, 0
                continue
            conv += 1
            self.layers.append(nn.Conv2d(spec[0], spec[1], 3, padding=1))
            self.names.append("conv%d_%d" % (block, conv))
            self.layers.append(nn.ReLU())
            self.names.append("relu%d_%d" % (block, conv))
        self.register_buffer("mean", torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1))
        self.register_buffer("std", torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1))
        for p in self.parameters():
            p.requires_grad_(False)

    def forward(self, x):
        out = {}
        x = (x - self.mean) / self.std
        for name, layer in zip(self.names, self.layers):
            x = layer(x)
            if name in STYLE or name == CONTENT:
                out[name] = x
            if name == STYLE[-1]:
                break
        return out


def reduced(device, variant):
    """torch.autocast for bf16 and fp16, nothing otherwise."""
    if variant not in ("bf16", "fp16"):
        return contextlib.nullcontext()
    return torch.autocast(device.type, dtype=torch.bfloat16 if variant == "bf16" else torch.float16)


def gram(f):
    _, c, h, w = f.shape
    f = f.reshape(c, h * w)
    return f @ f.t() / (c * h * w)


def optimize_flops(size):
    """As RunEstimate.evaluationFlops: twice the forward convolutions, three times the Grams."""
    conv, grams, side, cin = 0.0, 0.0, size, 3
    block, k = 1, 0
    for spec in VGG19_TO_CONV3_1:
        if spec == "pool":
            side //= 2
            block, k = block + 1, 0
            continue
        k += 1
        conv += 2.0 * side * side * spec[0] * spec[1] * 9
        if "conv%d_%d" % (block, k) in STYLE:
            grams += 2.0 * spec[1] * spec[1] * side * side
    return 2 * conv + 3 * grams


def bench_optimize(device, size, variant, iterations):
    net = Vgg().to(device)
    memory = torch.channels_last if variant == "channels-last" else torch.contiguous_format
    net = net.to(memory_format=memory)
    torch.manual_seed(1)
    content = torch.rand(1, 3, size, size, device=device).contiguous(memory_format=memory)
    style = torch.rand(1, 3, size, size, device=device).contiguous(memory_format=memory)
    with torch.no_grad(), reduced(device, variant):
        target_content = net(content)[CONTENT].float()
        target_grams = {k: gram(v.float()) for k, v in net(style).items() if k in STYLE}
    # The image stays NCHW (L-BFGS flattens its gradient); the network sees it in its own layout.
    image = content.clone().contiguous().requires_grad_(True)
    optimizer = torch.optim.LBFGS([image], max_iter=iterations)
    evaluations = []

    def closure():
        t0 = time.perf_counter()
        optimizer.zero_grad()
        with reduced(device, variant):
            f = net(image.contiguous(memory_format=memory))
            # Gram matrices and losses in fp32, as the engine would keep them.
            loss = F.mse_loss(f[CONTENT].float(), target_content)
            style_loss = sum(F.mse_loss(gram(f[k].float()), target_grams[k]) for k in STYLE)
            loss = loss + STYLE_WEIGHT * style_loss
        loss.backward()
        sync(device)
        evaluations.append((time.perf_counter() - t0, time.process_time()))
        return loss

    c0, t0 = time.process_time(), time.perf_counter()
    optimizer.step(closure)
    sync(device)
    n = len(evaluations)
    # As the Java bench: from the end of the first evaluation to the end of the last.
    wall = (time.perf_counter() - t0 - evaluations[0][0]) / max(1, n - 1)
    cpu = (time.process_time() - evaluations[0][1]) / max(1, n - 1)
    return wall, cpu, optimize_flops(size)


class ConvLayer(nn.Module):
    def __init__(self, cin, cout, k, stride):
        super().__init__()
        self.pad = nn.ReflectionPad2d(k // 2)
        self.conv = nn.Conv2d(cin, cout, k, stride)

    def forward(self, x):
        return self.conv(self.pad(x))


class Residual(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.c1, self.n1 = ConvLayer(c, c, 3, 1), nn.InstanceNorm2d(c, affine=True)
        self.c2, self.n2 = ConvLayer(c, c, 3, 1), nn.InstanceNorm2d(c, affine=True)

    def forward(self, x):
        return x + self.n2(self.c2(F.relu(self.n1(self.c1(x)))))


class TransformerNet(nn.Module):
    """pytorch/examples' fast_neural_style network."""

    def __init__(self):
        super().__init__()
        self.down = nn.Sequential(
            ConvLayer(3, 32, 9, 1), nn.InstanceNorm2d(32, affine=True), nn.ReLU(),
            ConvLayer(32, 64, 3, 2), nn.InstanceNorm2d(64, affine=True), nn.ReLU(),
            ConvLayer(64, 128, 3, 2), nn.InstanceNorm2d(128, affine=True), nn.ReLU(),
            *[Residual(128) for _ in range(5)])
        self.up1, self.n4 = ConvLayer(128, 64, 3, 1), nn.InstanceNorm2d(64, affine=True)
        self.up2, self.n5 = ConvLayer(64, 32, 3, 1), nn.InstanceNorm2d(32, affine=True)
        self.out = ConvLayer(32, 3, 9, 1)

    def forward(self, x):
        y = self.down(x)
        y = F.relu(self.n4(self.up1(F.interpolate(y, scale_factor=2, mode="nearest"))))
        y = F.relu(self.n5(self.up2(F.interpolate(y, scale_factor=2, mode="nearest"))))
        return self.out(y)


def fast_flops(size):
    """As BenchFastCommand.forwardFlops."""
    full, half, quarter = size * size, size * size / 4, size * size / 16

    def conv(i, o, k):
        return 2.0 * i * o * k * k

    return (conv(3, 32, 9) * full + conv(32, 64, 3) * half + conv(64, 128, 3) * quarter
            + 10 * conv(128, 128, 3) * quarter + conv(128, 64, 3) * half
            + conv(64, 32, 3) * full + conv(32, 3, 9) * full)


def bench_fast(device, size, variant, repeat):
    torch.manual_seed(1)
    memory = torch.channels_last if variant == "channels-last" else torch.contiguous_format
    net = TransformerNet().to(device).eval().to(memory_format=memory)
    x = (torch.rand(1, 3, size, size, device=device) * 255).contiguous(memory_format=memory)
    def run():
        with torch.no_grad(), reduced(device, variant):
            return net(x)

    wall, cpu = timed(run, device, repeat)
    return wall, cpu, fast_flops(size)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--device", default="cpu")
    p.add_argument("--what", default="optimize,fast", help="optimize, fast or both")
    p.add_argument("--size", default=None, help="sizes (default: 512 for optimize, 1024 for fast)")
    p.add_argument("--variants", default="fp32,channels-last,bf16,fp16")
    p.add_argument("--threads", type=int, default=os.cpu_count(),
                   help="intra-op threads (default: all cores, as libtorch under DJL)")
    p.add_argument("--gemm-gflops", type=float, default=None,
                   help="the floor's GEMM throughput, as the Java bench of the same session printed it. "
                        "Debian's PyTorch multiplies matrices with the generic reference BLAS "
                        "(BLAS_INFO=generic), far below the machine; its own GEMM is then no floor")
    p.add_argument("--iterations", type=int, default=20, help="L-BFGS evaluations to time")
    p.add_argument("--repeat", type=int, default=2, help="fast passes to time after a warm-up")
    a = p.parse_args()
    device = torch.device(a.device)
    torch.set_num_threads(a.threads)
    flops_per_s, flops_per_cpu_s = gemm(device)
    name = torch.cuda.get_device_name(device) if device.type == "cuda" else "cpu, %d threads" % a.threads
    print("PyTorch %s on %s; GEMM 2048x2048 float32: %.1f GFLOP/s (%.1f GFLOP per CPU second)"
          % (torch.__version__, name, flops_per_s / 1e9, flops_per_cpu_s / 1e9), flush=True)
    if a.gemm_gflops:
        # The CPU-time floor scales with the wall-time one as PyTorch's own GEMM measured them.
        flops_per_cpu_s *= a.gemm_gflops * 1e9 / flops_per_s
        flops_per_s = a.gemm_gflops * 1e9
        print("floor: the given GEMM, %.1f GFLOP/s" % a.gemm_gflops, flush=True)
    for what in a.what.split(","):
        sizes = [int(s) for s in a.size.split(",")] if a.size else [512 if what == "optimize" else 1024]
        for size in sizes:
            for variant in a.variants.split(","):
                if variant == "fp16" and device.type == "cpu":
                    continue  # PyTorch 1.13's CPU autocast is bf16 only
                if what == "optimize":
                    wall, cpu, flops = bench_optimize(device, size, variant, a.iterations)
                    unit = "iteration"
                else:
                    wall, cpu, flops = bench_fast(device, size, variant, a.repeat)
                    unit = "image"
                print("pytorch %s %dx%d %s: %.3f s/%s, %.1f GFLOP/%s, floor %.3f s, ratio %.2fx; "
                      "CPU %.3f s, CPU-time ratio %.2fx"
                      % (what, size, size, variant, wall, unit, flops / 1e9, unit,
                         flops / flops_per_s, wall * flops_per_s / flops, cpu,
                         cpu * flops_per_cpu_s / flops), flush=True)


if __name__ == "__main__":
    main()
