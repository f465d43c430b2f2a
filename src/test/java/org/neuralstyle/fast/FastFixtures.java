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

package org.neuralstyle.fast;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** The files src/test/python/make_fast_fixtures.py wrote with PyTorch. */
public final class FastFixtures {

	/**
	 * The transformation network with seeded weights, as a legacy .pth with stale
	 * running statistics.
	 */
	public static final String CHECKPOINT = "transformer_net_legacy.pth";

	private FastFixtures() {}

	public static Path file(String name) {
		return resource("/fixtures/fast/" + name);
	}

	/**
	 * A fixture of the checkpoint readers' tests: a small VGG-like state dict.
	 */
	public static Path tinyVgg() {
		return resource("/fixtures/weights/tiny_vgg_legacy.pth");
	}

	/** A raw little-endian float32 file. */
	public static float[] floats(String name) throws IOException {
		ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file(name))).order(
			ByteOrder.LITTLE_ENDIAN);
		float[] values = new float[bytes.remaining() / Float.BYTES];
		bytes.asFloatBuffer().get(values);
		return values;
	}

	private static Path resource(String name) {
		try {
			return Path.of(FastFixtures.class.getResource(name).toURI());
		}
		catch (URISyntaxException | NullPointerException e) {
			throw new IllegalStateException("missing fixture " + name, e);
		}
	}
}
