package org.neuralstyle.fast;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** The files src/test/python/make_fast_fixtures.py wrote with PyTorch. */
public final class FastFixtures {

	/** The transformation network with seeded weights, as a legacy .pth with stale running statistics. */
	public static final String CHECKPOINT = "transformer_net_legacy.pth";

	private FastFixtures() {}

	public static Path file(String name) {
		return resource("/fixtures/fast/" + name);
	}

	/** A fixture of the checkpoint readers' tests: a small VGG-like state dict. */
	public static Path tinyVgg() {
		return resource("/fixtures/weights/tiny_vgg_legacy.pth");
	}

	/** A raw little-endian float32 file. */
	public static float[] floats(String name) throws IOException {
		ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file(name))).order(ByteOrder.LITTLE_ENDIAN);
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
