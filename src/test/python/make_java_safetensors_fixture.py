"""PyTorch loads a fast-style model that Java wrote, and stylizes with it.

The model is what `TransformerWeights.pytorchDefault(7).write(file)` writes (the trainer writes its
models the same way). This script reads that safetensors file with nothing but the format's
definition (8-byte little-endian header length, JSON header, raw little-endian data), loads it into
pytorch/examples' TransformerNet with load_state_dict(strict=True), which refuses any missing,
unexpected or misshapen tensor, and runs it on a fixed input. JavaWrittenModelTest checks that Java
writes the same bytes today (by their SHA-256) and stylizes that input to this output.

Run with Debian's PyTorch:  /usr/bin/python3 make_java_safetensors_fixture.py MODEL.safetensors OUTDIR
Writes OUTDIR/input_20x24.f32, OUTDIR/output_20x24.f32 (1x3x20x24 float32) and OUTDIR/model.json.
"""
import hashlib
import json
import math
import os
import struct
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_fast_fixtures import TransformerNet, write_f32  # noqa: E402


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + length])
    body = data[8 + length:]
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        assert info["dtype"] == "F32", (name, info["dtype"])
        start, end = info["data_offsets"]
        tensors[name] = torch.frombuffer(bytearray(body[start:end]), dtype=torch.float32).reshape(info["shape"]).clone()
    return tensors, hashlib.sha256(data).hexdigest()


def main():
    model, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    state, sha = read_safetensors(model)
    net = TransformerNet()
    net.load_state_dict(state, strict=True)
    net.eval()
    # A smooth pattern in 0..255, the same on every machine (no random generator involved).
    x = torch.empty(1, 3, 20, 24)
    for c in range(3):
        for i in range(20):
            for j in range(24):
                x[0, c, i, j] = 127.5 + 127.5 * math.sin(0.37 * j + 0.23 * i + c)
    with torch.no_grad():
        y = net(x)
    write_f32(os.path.join(out, "input_20x24.f32"), x)
    write_f32(os.path.join(out, "output_20x24.f32"), y)
    with open(os.path.join(out, "model.json"), "w") as f:
        json.dump({"writer": "TransformerWeights.pytorchDefault(7).write", "sha256": sha, "tensors": len(state),
                   "torch": torch.__version__}, f, indent=1)
    print(f"loaded {len(state)} tensors strictly, sha256 {sha}, output {tuple(y.shape)} range {y.min().item():.1f}..{y.max().item():.1f}")


if __name__ == "__main__":
    main()
