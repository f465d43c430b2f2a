#!/usr/bin/python3
"""Writes tiny Keras VGG weights files with the layout of Keras' own
vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5, and the same weights as PyTorch state dicts in
torchvision's layout, converted with torch.

Keras' legacy HDF5 weights format (keras.Model.save_weights to '.h5'; what keras-applications
publishes): the root attribute 'layer_names' lists every layer, input and pooling layers
included; each layer is a group whose attribute 'weight_names' lists its datasets in order
(a convolution's kernel, then its bias). The v0.1 release files name them
'block1_conv1_W_1:0' and 'block1_conv1_b_1:0' inside the layer's group; Keras 2 names them
'block1_conv1/kernel:0', which h5py stores as a nested group. Kernels are
height x width x in x out ("tf kernels"), for BGR input; PyTorch's are out x in x height x width.
Run with Debian's PyTorch and h5py (apt-get install python3-h5py):
  /usr/bin/python3 src/test/python/make_keras_fixtures.py
Writes into src/test/resources/fixtures/keras/:
  tiny_keras_vgg.h5           - VGG16's pattern (blocks of 2, 2, 3 convolutions, each block
                                ended by a pooling layer), v0.1 weight names, widths 4, 8, 16
  tiny_keras_vgg_keras2.h5    - the same weights under Keras 2's nested weight names
  tiny_keras_vgg_torch.pth    - the same weights, torchvision layout (features.N.weight/bias),
                                kernels permuted by torch to out x in x H x W
  keras_vgg16_caffe.pth       - the keras-vgg16 preset's losses (seed 001's formulas) at a
                                given start image, on the tiny network with Caffe's
                                preprocessing (BGR, 0-255, B/G/R means 103.939, 116.779,
                                123.68 subtracted, as Keras' preprocess_input): content
                                relu2_2 (block2_conv2), style relu1_2, relu2_2, relu3_3
  vgg16_shapes_zeros.h5       - the layers, names and shapes of Keras' real
                                vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5 (v0.1 names),
                                all weights 0, stored gzip-compressed in chunks: a few KB that
                                a verifier must recognise as VGG16
"""
import collections
import os

import h5py
import numpy as np
import torch

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "fixtures", "keras")
BLOCKS = [(2, 4), (2, 8), (3, 16)]  # (convolutions, width) per block


VGG16 = [(2, 64), (2, 128), (3, 256), (3, 512), (3, 512)]


def layers(seed, blocks=BLOCKS, zeros=False):
    """(name, kernel HxWxInxOut or None, bias) in Keras' order, random float32 weights."""
    rng = np.random.default_rng(seed)
    out = [("input_1", None, None)]
    channels = 3
    for b, (convs, width) in enumerate(blocks, start=1):
        for c in range(1, convs + 1):
            if zeros:
                kernel = np.zeros((3, 3, channels, width), np.float32)
                bias = np.zeros(width, np.float32)
            else:
                kernel = (rng.standard_normal((3, 3, channels, width)) *
                          np.sqrt(2.0 / (9 * channels))).astype(np.float32)
                bias = (rng.standard_normal(width) * 0.05).astype(np.float32)
            out.append(("block%d_conv%d" % (b, c), kernel, bias))
            channels = width
        out.append(("block%d_pool" % b, None, None))
    return out


def write_h5(path, net, keras2_names, compress=False):
    with h5py.File(path, "w") as f:
        f.attrs["layer_names"] = np.array([n.encode() for n, _, _ in net])
        f.attrs["backend"] = b"tensorflow"
        f.attrs["keras_version"] = b"2.0.8" if keras2_names else b"1.2.2"
        for name, kernel, bias in net:
            g = f.create_group(name)
            if kernel is None:
                g.attrs["weight_names"] = np.array([], dtype="S1")
                continue
            names = (["%s/kernel:0" % name, "%s/bias:0" % name] if keras2_names else
                     ["%s_W_1:0" % name, "%s_b_1:0" % name])
            g.attrs["weight_names"] = np.array([n.encode() for n in names])
            for n, data in zip(names, (kernel, bias)):
                # One chunk per dataset: a few bytes of deflated zeros each.
                options = dict(compression="gzip", compression_opts=9,
                               chunks=data.shape) if compress else {}
                g.create_dataset(n, data=data, **options)


def torchvision_state_dict(net):
    """torchvision's make_layers indices: conv at i, ReLU at i+1, pooling 'M' one index."""
    sd = collections.OrderedDict()
    index = 0
    for name, kernel, bias in net:
        if name.startswith("input"):
            continue
        if kernel is None:
            index += 1
            continue
        sd["features.%d.weight" % index] = torch.from_numpy(kernel).permute(3, 2, 0, 1).contiguous()
        sd["features.%d.bias" % index] = torch.from_numpy(bias).clone()
        index += 2
    return sd


CAFFE_MEAN_BGR = torch.tensor([103.939, 116.779, 123.68])


def caffe(rgb):
    """1x3xHxW RGB in [0, 1] -> BGR, 0-255, means subtracted (Keras' 'caffe' mode)."""
    return rgb.flip(1) * 255 + (-CAFFE_MEAN_BGR).view(1, 3, 1, 1)


def vgg_features(sd, x, wanted):
    """torchvision's VGG features (conv 3x3 pad 1, ReLU, max pool 2) by module index."""
    out, index = {}, 0
    while index <= max(wanted):
        w = sd.get("features.%d.weight" % index)
        if w is not None:
            x = torch.nn.functional.conv2d(x, w, sd["features.%d.bias" % index], padding=1)
            if index in wanted:
                out[index] = x
            index += 1
            x = torch.relu(x)
        else:
            x = torch.nn.functional.max_pool2d(x, 2, 2)
        if index in wanted:
            out[index] = x
        index += 1
    return out


def keras_losses(sd):
    """Seed 001 lines 112-153 with the tiny network's layers: content block2_conv2, style
    block1_conv2, block2_conv2, block3_conv3, each style_weight / 5 (the preset keeps the
    seed's 5.0 / 5 per layer), unnormalized Gram matrices divided by 4 * 3^2 * (H W)^2 of the
    image; TV sum((a + b)^1.25) over [0:H-1, 0:W-1] of the combination image."""
    torch.manual_seed(1001)
    h, w = 40, 48
    content, style, start = (torch.rand(1, 3, h, w) for _ in range(3))
    relu = {"relu1_2": 3, "relu2_2": 8, "relu3_3": 15}
    with torch.no_grad():
        fc = vgg_features(sd, caffe(content), {8})
        fs = vgg_features(sd, caffe(style), set(relu.values()))
        x = caffe(start)
        fx = vgg_features(sd, x, set(relu.values()))

    def gram(f):
        f = f[0].reshape(f.shape[1], -1)
        return f @ f.t()

    c_loss = 0.025 * torch.sum((fx[8] - fc[8]) ** 2)
    s_loss = 0
    for name in ("relu1_2", "relu2_2", "relu3_3"):
        i = relu[name]
        s_loss = s_loss + (5.0 / 5) * torch.sum((gram(fs[i]) - gram(fx[i])) ** 2) / (
            4.0 * (3 ** 2) * ((h * w) ** 2))
    a = (x[:, :, :h - 1, :w - 1] - x[:, :, 1:, :w - 1]) ** 2
    b = (x[:, :, :h - 1, :w - 1] - x[:, :, :h - 1, 1:]) ** 2
    tv_loss = 1.0 * torch.sum((a + b) ** 1.25)
    print("keras-vgg16 with Caffe preprocessing: content %.8g style %.8g tv %.8g" % (
        c_loss.item(), s_loss.item(), tv_loss.item()))
    return collections.OrderedDict([
        ("content", content[0].clone()), ("style", style[0].clone()),
        ("start", start[0].clone()),
        ("losses", torch.tensor([c_loss.item(), s_loss.item(), tv_loss.item()],
                                dtype=torch.float64))])


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    net = layers(2024)
    write_h5(os.path.join(OUT, "tiny_keras_vgg.h5"), net, keras2_names=False)
    write_h5(os.path.join(OUT, "tiny_keras_vgg_keras2.h5"), net, keras2_names=True)
    write_h5(os.path.join(OUT, "vgg16_shapes_zeros.h5"), layers(0, VGG16, zeros=True),
             keras2_names=False, compress=True)
    sd = torchvision_state_dict(net)
    torch.save(sd, os.path.join(OUT, "tiny_keras_vgg_torch.pth"))
    torch.save(keras_losses(sd), os.path.join(OUT, "keras_vgg16_caffe.pth"))
    for k, v in sd.items():
        print(k, tuple(v.shape))
