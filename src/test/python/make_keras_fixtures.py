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


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    net = layers(2024)
    write_h5(os.path.join(OUT, "tiny_keras_vgg.h5"), net, keras2_names=False)
    write_h5(os.path.join(OUT, "tiny_keras_vgg_keras2.h5"), net, keras2_names=True)
    write_h5(os.path.join(OUT, "vgg16_shapes_zeros.h5"), layers(0, VGG16, zeros=True),
             keras2_names=False, compress=True)
    sd = torchvision_state_dict(net)
    torch.save(sd, os.path.join(OUT, "tiny_keras_vgg_torch.pth"))
    for k, v in sd.items():
        print(k, tuple(v.shape))
