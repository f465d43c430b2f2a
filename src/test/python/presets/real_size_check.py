#!/usr/bin/python3
"""Issue 13's check at real size: `optimize --preset cs231n | yunjey | keras-vgg16 --weights X`
(our command line) against the preset's PyTorch reference (cs231n.py, yunjey.py, keras_vgg16.py
in this folder), on networks of the real torchvision layout and sizes and on real photographs.

No pretrained weights can be downloaded on the build machines, so the checkpoints hold seeded
random weights (Kaiming-normal convolutions, biases N(0, 0.05^2); VGG classifiers N(0, 0.01^2)) in
the exact layout and shapes of torchvision's files: SqueezeNet 1.1 (squeezenet1_1-b8a52dc0.pth:
features.* and classifier.1.*), VGG19 (vgg19-dcbb9e9d.pth) and VGG16 (vgg16-397923af.pth:
features.* and classifier.0/3/6.*), saved by torch.save in the legacy format those files have.
They are not the ImageNet weights: the numbers say that our engine computes what PyTorch
computes on networks of that size, not how the presets look with trained networks.

For each preset: the content and style photographs are cut to one aspect (the style centre-
cropped to the content's), resized with PIL (Lanczos) so that their long side is the working
size, and saved as 8-bit PNG; both sides read those PNGs (byte / 255) and neither resizes (the
command line gets --size equal to that long side). PyTorch runs the reference for N iterations;
our jar runs the same preset with --trace. Printed: every iteration-0 loss term, ours against
PyTorch's, with the relative difference; the number of evaluations; the PSNR of our PNG against
PyTorch's image rounded as our writer rounds (round(clamp(v, 0, 1) * 255)), and against PyTorch's
unrounded image; the wall time of both runs. Issue 13's bar: 1e-4 relative at iteration 0, 30 dB
after 30 iterations.

Run with Debian's PyTorch (python3-torch, python3-pil; the photographs from python3-skimage),
after `mvn -B -q -o package -DskipTests`, from the repository root:
  /usr/bin/python3 src/test/python/presets/real_size_check.py [--dir DIR] [--presets cs231n,...]
      [--content FILE] [--style FILE] [--squeezenet-size 192] [--vgg-size 256] [--iterations 30]
      [--jar target/neural-style-cli.jar] [--threads N]
Writes into DIR (default: a new temporary folder; nothing into the repository): the checkpoints
(*.pth), the pictures (content_S.png, style_S.png), per preset NAME_pytorch.png, NAME_ours.png,
NAME_trace.json, and summary.json with the numbers printed.
"""
import argparse
import collections
import json
import math
import os
import subprocess
import sys
import tempfile
import time

import torch
import torch.nn as nn
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, ".."))
import common  # noqa: E402
import cs231n  # noqa: E402
import keras_vgg16  # noqa: E402
import yunjey  # noqa: E402
from make_squeezenet_fixtures import randomize, squeezenet1_1_features  # noqa: E402
from make_squeezenet_fixtures import state_dict as squeezenet_state_dict  # noqa: E402

REPO = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))
SKIMAGE_DATA = "/usr/lib/python3/dist-packages/skimage/data"

# torchvision's cfgs "E" (VGG19) and "D" (VGG16), at their real widths.
VGG19 = [64, 64, "M", 128, 128, "M", 256, 256, 256, 256, "M", 512, 512, 512, 512, "M",
         512, 512, 512, 512, "M"]
VGG16 = [64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M", 512, 512, 512, "M"]


def vgg_state_dict(features, seed, classifier=True):
    """features.* as common.state_dict gives them, and torchvision's classifier
    (Linear 25088-4096, ReLU, Dropout, Linear 4096-4096, ReLU, Dropout, Linear 4096-1000)."""
    sd = common.state_dict(features)
    if classifier:
        g = torch.Generator().manual_seed(seed + 1000)
        for index, (n_in, n_out) in zip((0, 3, 6), ((512 * 7 * 7, 4096), (4096, 4096),
                                                    (4096, 1000))):
            sd["classifier.%d.weight" % index] = torch.empty(n_out, n_in).normal_(0, 0.01,
                                                                                  generator=g)
            sd["classifier.%d.bias" % index] = torch.zeros(n_out)
    return sd


def save(sd, path):
    """Legacy serialization, as torchvision's squeezenet1_1/vgg16/vgg19 files have it."""
    torch.save(sd, path, _use_new_zipfile_serialization=False)
    return path


def pictures(content_file, style_file, long_side, folder):
    """The content resized to `long_side`, the style centre-cropped to the content's aspect and
    resized to the same width and height; 8-bit PNGs, and what reading them gives (3xHxW)."""
    content = Image.open(content_file).convert("RGB")
    style = Image.open(style_file).convert("RGB")
    w, h = content.size
    if w >= h:
        width, height = long_side, max(1, round(h * long_side / w))
    else:
        width, height = max(1, round(w * long_side / h)), long_side
    sw, sh = style.size
    if sw * height > sh * width:  # wider than the content: cut the sides
        cw = round(sh * width / height)
        style = style.crop(((sw - cw) // 2, 0, (sw - cw) // 2 + cw, sh))
    else:
        ch = round(sw * height / width)
        style = style.crop((0, (sh - ch) // 2, sw, (sh - ch) // 2 + ch))
    out = []
    for name, im in (("content", content), ("style", style)):
        path = os.path.join(folder, "%s_%d.png" % (name, long_side))
        im.resize((width, height), Image.LANCZOS).save(path)
        out.append((path, read_png(path)))
    return out


def read_png(path):
    """byte / 255 in float32, as the engine reads an 8-bit RGB picture."""
    im = Image.open(path).convert("RGB")
    data = torch.tensor(bytearray(im.tobytes()), dtype=torch.uint8)
    return data.view(im.size[1], im.size[0], 3).permute(2, 0, 1).float() / 255.0


def to_bytes(image):
    """3xHxW in [0, 1] -> uint8, rounded as the engine writes (Math.round(clamp(v) * 255f))."""
    return torch.floor(image.clamp(0, 1) * 255.0 + 0.5).to(torch.uint8)


def write_png(image, path):
    Image.fromarray(to_bytes(image).permute(1, 2, 0).contiguous().numpy(), "RGB").save(path)


def psnr(a, b):
    mse = float(((a.double() - b.double()) ** 2).mean())
    return math.inf if mse == 0 else 10 * math.log10(1 / mse)


def run_cs231n(folder, content, style, iterations, features_only):
    torch.manual_seed(1101)
    net = squeezenet1_1_features(64, [16, 32, 48, 64], 4).eval()
    randomize(net)
    path = save(squeezenet_state_dict(net, classes=1000), os.path.join(folder,
                                                                       "squeezenet1_1_random.pth"))
    for p in net.parameters():
        p.requires_grad = False
    seen = []
    image = cs231n.style_transfer(net, content, style, iterations=iterations,
                                  record=lambda c, s, t: seen.append([c, s, t]), **cs231n.SCREAM)
    return path, seen, image


def run_yunjey(folder, content, style, iterations, features_only):
    features = common.make_features(VGG19, 19)  # in-place ReLUs, as yunjey's code has them
    path = save(vgg_state_dict(features, 19, not features_only),
                os.path.join(folder, "vgg19_random.pth"))
    for p in features.parameters():
        p.requires_grad = False
    seen, image = yunjey.stylize(features, content[None], style[None], steps=iterations)
    return path, seen, image[0]


def run_keras_vgg16(folder, content, style, iterations, features_only):
    features = common.make_features(VGG16, 16, inplace=False)  # the reference stores outputs
    path = save(vgg_state_dict(features, 16, not features_only),
                os.path.join(folder, "vgg16_random.pth"))
    for p in features.parameters():
        p.requires_grad = False
    seen, image = keras_vgg16.stylize(features, content[None], style[None],
                                      iterations=iterations)
    return path, seen, image[0]


def cs231n_float64(weights, content, style, iterations):
    """The cs231n reference again, all in float64 (network, pictures, Adam): how far PyTorch's
    own float32 run is from exact arithmetic, the floor of any float32 engine's agreement."""
    net = squeezenet1_1_features(64, [16, 32, 48, 64], 4).eval()
    net.load_state_dict({k[len("features."):]: v for k, v in torch.load(weights).items()
                         if k.startswith("features.")})
    net = net.double()
    for p in net.parameters():
        p.requires_grad = False
    return cs231n.style_transfer(net, content.double(), style.double(), iterations=iterations,
                                 record=lambda c, s, t: None, **cs231n.SCREAM).float()


PRESETS = collections.OrderedDict([
    ("cs231n", run_cs231n),
    ("yunjey", run_yunjey),
    ("keras-vgg16", run_keras_vgg16),
])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dir", help="where the checkpoints, pictures and results go")
    ap.add_argument("--presets", default=",".join(PRESETS))
    ap.add_argument("--content", default=os.path.join(SKIMAGE_DATA, "rocket.jpg"))
    ap.add_argument("--style", default=os.path.join(SKIMAGE_DATA, "retina.jpg"))
    ap.add_argument("--squeezenet-size", type=int, default=192)
    ap.add_argument("--vgg-size", type=int, default=256)
    ap.add_argument("--iterations", type=int, default=30)
    ap.add_argument("--jar", default=os.path.join(REPO, "target", "neural-style-cli.jar"))
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--float64", action="store_true",
                    help="cs231n: also run the reference in float64 and give the PSNR of "
                         "PyTorch's float32 image, and of ours, against it")
    ap.add_argument("--features-only", action="store_true",
                    help="leave the VGG classifiers (about 0.5 GB a file) out of the checkpoints")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    folder = args.dir or tempfile.mkdtemp(prefix="real_size_check_")
    os.makedirs(folder, exist_ok=True)
    print("folder %s; content %s; style %s; torch %s, %d threads" % (
        folder, args.content, args.style, torch.__version__, torch.get_num_threads()))

    summary = collections.OrderedDict()
    for name in args.presets.split(","):
        size = args.squeezenet_size if name == "cs231n" else args.vgg_size
        (c_path, content), (s_path, style) = pictures(args.content, args.style, size, folder)
        start = time.time()
        weights, seen, image = PRESETS[name](folder, content, style, args.iterations,
                                             args.features_only)
        torch_s = time.time() - start
        write_png(image, os.path.join(folder, name + "_pytorch.png"))

        output = os.path.join(folder, name + "_ours.png")
        trace = os.path.join(folder, name + "_trace.json")
        cmd = ["java", "-jar", args.jar, "optimize", "--preset", name, "--weights", weights,
               "--content", c_path, "--style", s_path, "--size", str(size),
               "--iterations", str(args.iterations), "--log-every", "0", "--output", output,
               "--trace", trace, "--overwrite"]
        print("$ " + " ".join(cmd), flush=True)
        start = time.time()
        subprocess.run(cmd, check=True)
        java_s = time.time() - start

        with open(trace) as f:
            losses = json.load(f)["losses"]
        first = losses[0]
        ours = [first["content"], first["style"], first["tv"]]
        theirs = [float(v) for v in seen[0]]
        ours.append(first["total"])
        theirs.append(sum(theirs))
        rel = [abs(o - t) / abs(t) if t != 0 else abs(o) for o, t in zip(ours, theirs)]
        ours_image = read_png(output)
        psnr_rounded = psnr(ours_image, to_bytes(image).float() / 255.0)
        psnr_float = psnr(ours_image, image)
        h, w = content.shape[1:]
        row = collections.OrderedDict([
            ("size", [w, h]), ("weights", os.path.basename(weights)),
            ("weights_bytes", os.path.getsize(weights)),
            ("iteration0_ours", ours), ("iteration0_pytorch", theirs),
            ("iteration0_relative_difference", rel),
            ("evaluations_pytorch", len(seen)), ("trace_rows", len(losses)),
            ("last_total_ours", losses[len(seen) - 1]["total"] if len(losses) >= len(seen)
             else None),
            ("last_total_pytorch", sum(float(v) for v in seen[-1])),
            ("psnr_db", psnr_rounded), ("psnr_db_unrounded", psnr_float),
            ("pytorch_s", torch_s), ("ours_s", java_s),
            ("totals_pytorch", [sum(float(v) for v in e) for e in seen]),
            ("totals_ours", [r["total"] for r in losses]),
        ])
        if args.float64 and name == "cs231n":
            exact = cs231n_float64(weights, content, style, args.iterations)
            row["psnr_db_pytorch32_vs_64"] = psnr(to_bytes(image).float() / 255.0,
                                                  to_bytes(exact).float() / 255.0)
            row["psnr_db_ours_vs_pytorch64"] = psnr(ours_image, to_bytes(exact).float() / 255.0)
        summary[name] = row
        print("%s, %dx%d, %s (%d bytes):" % (name, w, h, row["weights"], row["weights_bytes"]))
        for k, what in enumerate(("content", "style", "tv", "total")):
            print("  iteration 0 %-7s ours %.9g  PyTorch %.9g  relative difference %.2e" % (
                what, ours[k], theirs[k], rel[k]))
        print("  evaluations: PyTorch %d, our trace %d rows (the last: the final image's losses)"
              % (len(seen), len(losses)))
        print("  last evaluation's total: ours %s, PyTorch %.9g" % (
            row["last_total_ours"], row["last_total_pytorch"]))
        drift = [abs(o - t) / abs(t) for o, t in zip(row["totals_ours"], row["totals_pytorch"])]
        print("  total loss, relative difference per evaluation: " +
              " ".join("%d:%.1e" % (i, d) for i, d in enumerate(drift)))
        print("  PSNR after %d iterations asked (%d evaluations): %.2f dB (PyTorch rounded to "
              "8 bits as ours), %.2f dB (unrounded)" % (args.iterations, len(seen),
                                                        psnr_rounded, psnr_float))
        if "psnr_db_pytorch32_vs_64" in row:
            print("  float64 reference: PyTorch float32 vs float64 %.2f dB, ours vs float64 "
                  "%.2f dB" % (row["psnr_db_pytorch32_vs_64"], row["psnr_db_ours_vs_pytorch64"]))
        print("  wall time: PyTorch %.1f s, ours %.1f s (the JVM's start included)"
              % (torch_s, java_s), flush=True)
        with open(os.path.join(folder, "summary.json"), "w") as f:
            json.dump(summary, f, indent=1)

    ok = all(max(r["iteration0_relative_difference"]) <= 1e-4 and r["psnr_db"] >= 30
             for r in summary.values())
    print("issue 13's bar (1e-4 at iteration 0, 30 dB): %s" % ("met" if ok else "NOT met"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
