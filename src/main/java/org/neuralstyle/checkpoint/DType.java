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

package org.neuralstyle.checkpoint;

import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * Element types a checkpoint can hold, with PyTorch's name (as
 * {@link TensorInfo#dtype()} reports it), PyTorch's storage class and
 * safetensors' code. Integer types appear in state dicts as bookkeeping
 * (BatchNorm's {@code num_batches_tracked}); they convert to float like the
 * rest.
 */
enum DType {

		FLOAT32("float32", 4, "FloatStorage", "F32"), FLOAT16("float16", 2,
			"HalfStorage", "F16"), BFLOAT16("bfloat16", 2, "BFloat16Storage", "BF16"),
		FLOAT64("float64", 8, "DoubleStorage", "F64"), INT64("int64", 8,
			"LongStorage", "I64"), INT32("int32", 4, "IntStorage", "I32"), INT16(
				"int16", 2, "ShortStorage", "I16"), INT8("int8", 1, "CharStorage",
					"I8"), UINT8("uint8", 1, "ByteStorage", "U8"), BOOL("bool", 1,
						"BoolStorage", "BOOL");

	final String pytorchName;
	final int size;
	final String storageClass;
	final String safetensorsCode;

	DType(String pytorchName, int size, String storageClass,
		String safetensorsCode)
	{
		this.pytorchName = pytorchName;
		this.size = size;
		this.storageClass = storageClass;
		this.safetensorsCode = safetensorsCode;
	}

	/** The type of a storage class name such as {@code FloatStorage}, or null. */
	static DType ofStorageClass(String name) {
		for (DType t : values())
			if (t.storageClass.equals(name)) return t;
		return null;
	}

	/** The type of a safetensors dtype code such as {@code F32}, or null. */
	static DType ofSafetensors(String code) {
		for (DType t : values())
			if (t.safetensorsCode.equals(code.toUpperCase(Locale.ROOT))) return t;
		return null;
	}

	/** Element {@code index} of a little-endian buffer, converted to float. */
	float get(ByteBuffer le, int index) {
		int at = index * size;
		return switch (this) {
			case FLOAT32 -> le.getFloat(at);
			case FLOAT16 -> halfToFloat(le.getShort(at));
			// bfloat16 is the upper half of a float32.
			case BFLOAT16 -> Float.intBitsToFloat((le.getShort(at) & 0xffff) << 16);
			case FLOAT64 -> (float) le.getDouble(at);
			case INT64 -> le.getLong(at);
			case INT32 -> le.getInt(at);
			case INT16 -> le.getShort(at);
			case INT8 -> le.get(at);
			case UINT8 -> le.get(at) & 0xff;
			case BOOL -> le.get(at) != 0 ? 1f : 0f;
		};
	}

	/** IEEE 754 half precision to float (Java 17 has no Float.float16ToFloat). */
	static float halfToFloat(short half) {
		int sign = (half & 0x8000) << 16;
		int exponent = (half >>> 10) & 0x1f;
		int mantissa = half & 0x3ff;
		if (exponent == 0x1f) return Float.intBitsToFloat(sign | 0x7f800000 |
			mantissa << 13);
		if (exponent == 0) {
			// Zero or subnormal: mantissa * 2^-24, exact in float.
			float magnitude = mantissa * 0x1p-24f;
			return sign != 0 ? -magnitude : magnitude;
		}
		return Float.intBitsToFloat(sign | (exponent + 127 - 15) << 23 |
			mantissa << 13);
	}
}
