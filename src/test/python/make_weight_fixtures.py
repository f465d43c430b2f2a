#!/usr/bin/python3
"""Writes the checkpoint fixtures of org.neuralstyle.weights with real PyTorch.

Run with Debian's PyTorch (1.13):  /usr/bin/python3 src/test/python/make_weight_fixtures.py
Output: src/test/resources/fixtures/weights/. The Java tests compare what they read against
tiny_vgg_expected.json, which holds every tensor's dtype, shape and values exactly (each value
is a float32/float16/bfloat16/float64/int64 element converted to a Python float, whose repr
round-trips, so Java can compare with ==).
"""
import collections
import json
import os
import pickle
import struct
import sys

import torch
from torch import nn

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "fixtures", "weights")

# What the malicious fixtures would create if a reader executed them; the Java test checks it does not appear.
PWNED_MARKER = "/tmp/neuralstyle-weights-pwned-marker"


class TinyVgg(nn.Module):
	"""Same naming as torchvision's VGG (features.N with ReLU and MaxPool between convolutions)."""

	def __init__(self):
		super().__init__()
		self.features = nn.Sequential(
			nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(inplace=True),
			nn.Conv2d(8, 8, 3, padding=1), nn.ReLU(inplace=True), nn.MaxPool2d(2),
			nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(inplace=True))


def tiny_state_dict():
	torch.manual_seed(1234)
	# state_dict() carries the _metadata attribute PyTorch pickles with a BUILD opcode.
	sd = TinyVgg().state_dict()
	# 1e-6 and 2**-24 are subnormal in float16.
	sd["extra.half"] = torch.tensor([[0.5, -1.25, 3.0, 1e-6], [65504.0, 1e-3, -0.0, -2.0 ** -24]], dtype=torch.float16)
	sd["extra.bfloat16"] = torch.tensor([1.0, -2.5, 3.140625, 1e20], dtype=torch.bfloat16)
	sd["extra.double"] = torch.tensor([[1.0 / 3.0, -2.0], [1e-300, 7.5]], dtype=torch.float64)
	base = torch.arange(60, dtype=torch.float32).reshape(6, 10) * 0.5 - 3.0
	sd["extra.base"] = base
	# A non-contiguous view into base's storage: offset 12, strides (2, 10).
	sd["extra.view"] = base[1:5, 2:9:2].t()
	# A contiguous slice whose storage (20 elements) is not otherwise saved: offset 5.
	sd["extra.offset"] = torch.linspace(-1.0, 1.0, 20)[5:15]
	sd["extra.param"] = nn.Parameter(torch.tensor([1.5, -2.0]))
	sd["bn.num_batches_tracked"] = torch.tensor(7, dtype=torch.int64)
	return sd


def expected(sd):
	return {"tensors": collections.OrderedDict(
		(name, {
			"dtype": str(t.dtype).replace("torch.", ""),
			"shape": list(t.shape),
			"values": t.detach().to(torch.float64).flatten().tolist(),
		}) for name, t in sd.items())}


SAFETENSORS_DTYPES = {torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16",
	torch.float64: "F64", torch.int64: "I64"}


def write_safetensors(path, sd, metadata):
	"""The documented format: u64 LE header size, JSON header (padded with spaces to 8 bytes), raw data."""
	header, chunks, offset = {"__metadata__": metadata}, [], 0
	for name, t in sd.items():
		t = t.detach().contiguous()
		raw = (t.view(torch.int16) if t.dtype == torch.bfloat16 else t).numpy().tobytes()
		header[name] = {"dtype": SAFETENSORS_DTYPES[t.dtype], "shape": list(t.shape),
			"data_offsets": [offset, offset + len(raw)]}
		chunks.append(raw)
		offset += len(raw)
	text = json.dumps(header, separators=(",", ":")).encode("utf-8")
	text += b" " * (-len(text) % 8)
	with open(path, "wb") as f:
		f.write(struct.pack("<Q", len(text)))
		f.write(text)
		for raw in chunks:
			f.write(raw)


def save_like_pytorch_before_0_4(sd, path):
	"""Tensors pickled as torchvision's 2017 files (vgg19-dcbb9e9d.pth) have them: through
	torch._utils._rebuild_tensor(storage, offset, size, stride), in a plain OrderedDict."""
	original = torch.Tensor.__reduce_ex__
	torch.Tensor.__reduce_ex__ = lambda self, protocol: (torch._utils._rebuild_tensor,
		(self.storage(), self.storage_offset(), tuple(self.size()), self.stride()))
	try:
		torch.save(collections.OrderedDict(sd), path, _use_new_zipfile_serialization=False)
	finally:
		torch.Tensor.__reduce_ex__ = original


class _ViewOfStorage:
	"""Stands for a storage view in the pickle; persistent_id below describes it."""


class _ViewTensor:
	def __reduce__(self):
		# Element 1 of a 6-element view that starts at element 4 of a 12-element storage.
		return (torch._utils._rebuild_tensor_v2, (_ViewOfStorage(), 1, (2, 2), (2, 1), False, collections.OrderedDict()))


def save_legacy_with_storage_view(path):
	"""PyTorch before 0.4 saved tensors on storage views, with persistent ids ending in
	(view_key, offset, size). Today's torch.save never writes one, so the legacy layout is
	written here by hand and checked with torch.load, which still reads it."""

	class ViewPickler(pickle.Pickler):
		def persistent_id(self, obj):
			if isinstance(obj, _ViewOfStorage):
				return ("storage", torch.FloatStorage, "root", "cpu", 12, ("view", 4, 6))
			return None

	with open(path, "wb") as f:
		for header in (torch.serialization.MAGIC_NUMBER, torch.serialization.PROTOCOL_VERSION,
				dict(protocol_version=torch.serialization.PROTOCOL_VERSION, little_endian=True,
					type_sizes=dict(short=2, int=4, long=4))):
			pickle.dump(header, f, protocol=2)
		ViewPickler(f, protocol=2).dump(collections.OrderedDict(w=_ViewTensor()))
		pickle.dump(["root"], f, protocol=2)
		f.write(struct.pack("<q", 12))
		f.write(torch.arange(12, dtype=torch.float32).numpy().tobytes())
	assert torch.equal(torch.load(path)["w"], torch.tensor([[5.0, 6.0], [7.0, 8.0]]))


class SystemCall:
	def __reduce__(self):
		return (os.system, ("touch " + PWNED_MARKER,))


class Eval:
	def __reduce__(self):
		return (eval, ("__import__('os').system('touch " + PWNED_MARKER + "')",))


def main():
	assert sys.byteorder == "little"
	os.makedirs(OUT, exist_ok=True)
	sd = tiny_state_dict()

	legacy = os.path.join(OUT, "tiny_vgg_legacy.pth")
	torch.save(sd, legacy, _use_new_zipfile_serialization=False)
	torch.save(sd, os.path.join(OUT, "tiny_vgg_zip.pth"))
	write_safetensors(os.path.join(OUT, "tiny_vgg.safetensors"), sd,
		{"format": "pt", "style": "tiny test", "note": "written by make_weight_fixtures.py"})
	with open(os.path.join(OUT, "tiny_vgg_expected.json"), "w") as f:
		json.dump(expected(sd), f)

	features = collections.OrderedDict((k, v) for k, v in sd.items() if k.startswith("features."))
	save_like_pytorch_before_0_4(features, os.path.join(OUT, "tiny_vgg_pre04_legacy.pth"))

	save_legacy_with_storage_view(os.path.join(OUT, "legacy_storage_view.pth"))

	# Training scripts often save {"epoch": ..., "state_dict": ...}.
	wrapped = collections.OrderedDict(epoch=3, state_dict=collections.OrderedDict(w=torch.tensor([0.25, 4.0])))
	torch.save(wrapped, os.path.join(OUT, "wrapped_state_dict.pth"))

	# The last storage loses its final 100 bytes, as from an interrupted download.
	with open(legacy, "rb") as f:
		data = f.read()
	with open(os.path.join(OUT, "tiny_vgg_legacy_truncated.pth"), "wb") as f:
		f.write(data[:-100])

	for suffix, payload in (("system", SystemCall()), ("eval", Eval())):
		evil = collections.OrderedDict([("features.0.weight", torch.zeros(2)), ("payload", payload)])
		torch.save(evil, os.path.join(OUT, "malicious_%s_legacy.pth" % suffix), _use_new_zipfile_serialization=False)
		torch.save(evil, os.path.join(OUT, "malicious_%s_zip.pth" % suffix))

	# The loaders themselves must agree with what was saved.
	for name in ("tiny_vgg_legacy.pth", "tiny_vgg_zip.pth", "tiny_vgg_pre04_legacy.pth"):
		back = torch.load(os.path.join(OUT, name))
		assert all(torch.equal(back[k], sd[k]) for k in back) and len(back) >= len(features), name
	assert not os.path.exists(PWNED_MARKER)


if __name__ == "__main__":
	main()
