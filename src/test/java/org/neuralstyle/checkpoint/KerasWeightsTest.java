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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neuralstyle.net.Vgg;
import org.neuralstyle.net.VggLayer;

/**
 * Keras HDF5 weights against the same weights converted by PyTorch
 * (src/test/python/make_keras_fixtures.py wrote both, h5py the Keras files).
 */
class KerasWeightsTest {

	static final Path DIR = Path.of("src/test/resources/fixtures/keras");

	@TempDir
	Path tmp;

	@ParameterizedTest
	@ValueSource(strings = { "tiny_keras_vgg.h5", "tiny_keras_vgg_keras2.h5" })
	void readsAsTheTorchvisionStateDictPyTorchMakes(String fixture)
		throws IOException
	{
		Path file = DIR.resolve(fixture);
		assertEquals(CheckpointFormat.KERAS_HDF5, Checkpoints.detect(file));
		try (StateDict keras = Checkpoints.open(file);
				StateDict torch = Checkpoints.open(DIR.resolve(
					"tiny_keras_vgg_torch.pth")))
		{
			assertTrue(KerasWeights.isKeras(keras));
			assertFalse(KerasWeights.isKeras(torch));
			assertEquals(new ArrayList<>(torch.names()), new ArrayList<>(keras
				.names()));
			for (String name : torch.names()) {
				assertArrayEquals(torch.info(name).shape(), keras.info(name).shape(),
					name);
				assertEquals("float32", keras.info(name).dtype());
				assertArrayEquals(torch.readFloats(name), keras.readFloats(name), name);
			}
			assertTrue(((KerasWeights) keras).kerasName("features.0.weight")
				.startsWith("block1_conv1/"));
		}
	}

	@Test
	void vggIsBuiltFromItAsFromTorchvisionsFiles() throws IOException {
		try (StateDict keras = Checkpoints.open(DIR.resolve("tiny_keras_vgg.h5"))) {
			assertEquals(List.of("conv1_1", "relu1_1", "conv1_2", "relu1_2", "pool1",
				"conv2_1", "relu2_1", "conv2_2", "relu2_2", "pool2", "conv3_1",
				"relu3_1", "conv3_2", "relu3_2", "conv3_3", "relu3_3", "pool3"), Vgg
					.layout(keras).stream().map(VggLayer::name).toList());
		}
	}

	@Test
	void kernelsArePermutedFromHwioToOihw() {
		// h=1, w=2, in=2, out=3: value = 100h + 10w + ... encodes the position
		float[] hwio = new float[1 * 2 * 2 * 3];
		for (int w = 0; w < 2; w++)
			for (int i = 0; i < 2; i++)
				for (int o = 0; o < 3; o++)
					hwio[(w * 2 + i) * 3 + o] = 100 * o + 10 * i + w;
		float[] oihw = KerasWeights.torchKernel(hwio, 1, 2, 2, 3);
		for (int o = 0; o < 3; o++)
			for (int i = 0; i < 2; i++)
				for (int w = 0; w < 2; w++)
					assertEquals(100 * o + 10 * i + w, oihw[(o * 2 + i) * 2 + w]);
	}

	@Test
	void truncatedFilesFailWithOneMessageWhenOpened() throws IOException {
		Path fixture = DIR.resolve("tiny_keras_vgg.h5");
		byte[] whole = Files.readAllBytes(fixture);
		Fixtures.assertCutsRefused(fixture, List.of(8, 100, 2000, whole.length / 2,
			whole.length - 1), tmp);
	}

	@Test
	void damagedMetadataFailsWithOneMessage() throws IOException {
		byte[] bytes = Files.readAllBytes(DIR.resolve("tiny_keras_vgg.h5"));
		// Overwrite everything after the superblock's signature and versions.
		for (int i = 16; i < 1200; i++)
			bytes[i] = (byte) (i * 31);
		Path file = Files.write(tmp.resolve("scrambled.h5"), bytes);
		CheckpointException e = assertThrows(CheckpointException.class,
			() -> Checkpoints.open(file).close());
		assertTrue(e.getMessage().contains("Re-download it or pass another file"), e
			.getMessage());
	}

	@Test
	void otherHdf5FilesAreRefusedSayingWhatIsMissing() throws IOException {
		Path plain = tmp.resolve("plain.h5");
		try (WritableHdfFile w = HdfFile.write(plain)) {
			w.putDataset("data", new float[] { 1, 2, 3 });
		}
		CheckpointException e = assertThrows(CheckpointException.class,
			() -> Checkpoints.open(plain));
		assertTrue(e.getMessage().contains("no 'layer_names'"), e.getMessage());

		Path dense = tmp.resolve("dense.h5");
		try (WritableHdfFile w = HdfFile.write(dense)) {
			w.putAttribute("layer_names", new String[] { "dense_1" });
			var g = w.putGroup("dense_1");
			g.putAttribute("weight_names", new String[] { "w", "b" });
			g.putDataset("w", new float[][] { { 1, 2 }, { 3, 4 } });
			g.putDataset("b", new float[] { 1, 2 });
		}
		e = assertThrows(CheckpointException.class, () -> Checkpoints.open(dense));
		assertTrue(e.getMessage().contains("dense_1") && e.getMessage().contains(
			"plain convolution stacks"), e.getMessage());
	}
}
