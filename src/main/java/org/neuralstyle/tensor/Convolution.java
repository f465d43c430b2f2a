/*-
 * #%L
 * Neural style transfer (Gatys et al. optimization, Johnson et al. fast models) for Fiji and ImageJ, on DJL and PyTorch.
 * %%
 * Copyright (C) 2026 Neural Style for Fiji developers.
 * %%
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 * 
 *      http://www.apache.org/licenses/LICENSE-2.0
 * 
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 * #L%
 */

package org.neuralstyle.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * A 2-D convolution (stride, zero padding, no dilation) whose backward pass is
 * right on every CPU.
 * <p>
 * Why: libtorch 2.7.1's oneDNN computes the gradient with respect to a
 * convolution's input wrongly on some AVX-512 CPUs (seen on an AMD EPYC with
 * AVX-512 VP2INTERSECT) when the number of output channels is not a multiple of
 * 16 and the kernel is larger than 1×1: it comes out 20–97% off or NaN,
 * silently, while the forward pass and the weight gradient are right. Limiting
 * oneDNN to AVX2 ({@code ONEDNN_MAX_CPU_ISA}) mends some of these shapes, not
 * all. Fast-style training backpropagates through the network's last
 * convolution (32 → 3 channels), so every update went the wrong way there. When
 * gradients are wanted, the output channels are padded with zero filters up to
 * a multiple of 16 and the extra channels are cut off again: the same function,
 * computed by the kernel that is right. {@code TransformerNetGradientTest}
 * compares the training gradient with the float64 computation; see
 * docs/engine-bugs.md.
 */
public final class Convolution {

	/** oneDNN's AVX-512 vector width in float32 channels. */
	private static final int CHANNEL_BLOCK = 16;

	private Convolution() {}

	/**
	 * {@code conv2d(x, weight, bias, stride, padding)} computed in
	 * {@code compute} (float16 for reduced precision): the input, weight and bias
	 * are converted to it and the result back to {@code x}'s type, so that
	 * everything around the convolution (normalization, Gram matrices, losses,
	 * gradients to the image) stays in float32. The conversions are
	 * differentiable (see {@link #cast}).
	 */
	public static NDArray conv2d(NDArray x, NDArray weight, NDArray bias,
		int stride, int padding, boolean differentiable, DataType compute)
	{
		if (compute == x.getDataType()) return conv2d(x, weight, bias, stride,
			padding, differentiable);
		try (NDArray xc = cast(x, compute);
				NDArray wc = cast(weight, compute);
				NDArray bc = cast(bias, compute);
				NDArray out = conv2d(xc, wc, bc, stride, padding, differentiable))
		{
			return cast(out, x.getDataType());
		}
	}

	/**
	 * {@code a} converted to {@code type}, with the gradient passing through.
	 * <p>
	 * Why not {@code toType}: DJL 0.36 converts under a {@code NoGradGuard}, so
	 * the result is cut off from autograd and no gradient reaches the image.
	 * {@code cumprod} along a new axis of length 1 is the identity, takes a
	 * result type, and autograd knows its derivative (the gradient, converted
	 * back).
	 */
	public static NDArray cast(NDArray a, DataType type) {
		try (NDArray column = a.expandDims(0);
				NDArray converted = column.cumProd(0, type))
		{
			return converted.squeeze(0);
		}
	}

	/**
	 * {@code conv2d(x, weight, bias, stride, padding)}.
	 *
	 * @param differentiable whether a backward pass will run through the result:
	 *          only then the output channels are widened (the forward pass is
	 *          right either way, and cheaper)
	 */
	public static NDArray conv2d(NDArray x, NDArray weight, NDArray bias,
		int stride, int padding, boolean differentiable)
	{
		Shape strides = new Shape(stride, stride);
		Shape pads = new Shape(padding, padding);
		long outChannels = weight.getShape().get(0);
		if (!differentiable || outChannels % CHANNEL_BLOCK == 0 || x.getDevice()
			.isGpu())
		{
			return Conv2d.conv2d(x, weight, bias, strides, pads, new Shape(1, 1), 1)
				.singletonOrThrow();
		}
		long extra = CHANNEL_BLOCK - outChannels % CHANNEL_BLOCK;
		long[] w = weight.getShape().getShape();
		try (NDArray zeroFilters = weight.getManager().zeros(new Shape(extra, w[1],
			w[2], w[3]), weight.getDataType());
				NDArray zeroBiases = bias.getManager().zeros(new Shape(extra), bias
					.getDataType());
				NDArray wideWeight = NDArrays.concat(new NDList(weight, zeroFilters),
					0);
				NDArray wideBias = NDArrays.concat(new NDList(bias, zeroBiases), 0);
				NDArray wide = Conv2d.conv2d(x, wideWeight, wideBias, strides, pads,
					new Shape(1, 1), 1).singletonOrThrow())
		{
			return wide.get(":, :{}", outChannels);
		}
	}
}
