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

package org.neuralstyle.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ModelRegistryTest {

	private final ModelRegistry registry = ModelRegistry.standard();

	@Test
	void torchvisionVggFilesAreKnownByTheirPublishedChecksums() {
		KnownModel vgg19 = registry.get("vgg19");
		assertEquals(URI.create(
			"https://download.pytorch.org/models/vgg19-dcbb9e9d.pth"), vgg19.url());
		assertEquals(574_673_361L, vgg19.size());
		assertTrue(vgg19.checksum().isComplete());
		assertTrue(vgg19.fileName().startsWith("vgg19-" + vgg19.checksum()
			.sha256Prefix().substring(0, 8)));

		KnownModel vgg16 = registry.get("vgg16");
		assertFalse(vgg16.sizeKnown());
		assertFalse(vgg16.checksum().isComplete());
		assertEquals("vgg16-" + vgg16.checksum().sha256Prefix() + ".pth", vgg16
			.fileName());
	}

	@Test
	void squeezeNetAndKerasVgg16AreLossNetworksFromTheirOfficialSources() {
		KnownModel squeeze = registry.get("squeezenet1_1");
		assertEquals(URI.create(
			"https://download.pytorch.org/models/squeezenet1_1-b8a52dc0.pth"), squeeze
				.url());
		assertEquals(ModelKind.SQUEEZENET_FEATURES, squeeze.kind());
		assertTrue(squeeze.kind().isLossNetwork());
		assertEquals("b8a52dc0", squeeze.checksum().sha256Prefix());
		assertEquals(Optional.of(ModelRegistry.SQUEEZENET1_1), registry.identify(
			"b8a52dc0" + "1".repeat(56)));

		KnownModel keras = registry.get("keras-vgg16");
		assertEquals("vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5", keras
			.fileName());
		assertTrue(keras.url().toString().endsWith("/" + keras.fileName()));
		assertEquals(ModelKind.VGG_FEATURES, keras.kind());
		assertEquals(58_889_256L, keras.size());
		// Keras publishes an MD5 only: no SHA-256 is made up.
		assertFalse(keras.checksum().isKnown());
		assertFalse(ModelKind.FAST_MODEL_ARCHIVE.isLossNetwork());
	}

	@Test
	void identifiesFilesByFullChecksumOrTorchvisionPrefix() {
		assertEquals(Optional.of(ModelRegistry.VGG19), registry.identify(
			"DCBB9E9DAD569FFF7A846263A77324FC34978FEA2BFB039C012D710E1776AE44"));
		assertEquals(Optional.of(ModelRegistry.VGG16), registry.identify(
			"397923af" + "0".repeat(56)));
		// A file sharing only the prefix of a fully known checksum is not that
		// model.
		assertEquals(Optional.empty(), registry.identify("dcbb9e9d" + "0".repeat(
			56)));
		assertEquals(Optional.empty(), registry.identify("0".repeat(64)));
	}

	@Test
	void fastModelArchiveHasNoChecksumAndIsNeverIdentifiedByOne() {
		KnownModel archive = registry.get("fast-models");
		assertEquals(ModelKind.FAST_MODEL_ARCHIVE, archive.kind());
		assertFalse(archive.checksum().isKnown());
		assertEquals("no published checksum", archive.checksum().toString());
		assertTrue(archive.checksum().matches("0".repeat(64)));
		assertFalse(registry.identify("0".repeat(64)).isPresent());
	}

	@Test
	void unknownIdListsTheKnownOnes() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> registry.get("vgg11"));
		assertTrue(e.getMessage().contains(
			"vgg19, vgg16, keras-vgg16, squeezenet1_1, fast-models"), e.getMessage());
	}

	@Test
	void otherModelsCanBeAdded() {
		KnownModel extra = new KnownModel("resnet", "ResNet",
			ModelKind.VGG_FEATURES, URI.create("https://example.org/r.pth"), "r.pth",
			10, Checksum.sha256("ab".repeat(32)));
		ModelRegistry more = registry.with(extra);
		assertEquals(extra, more.get("resnet"));
		assertEquals(Optional.of(extra), more.identify("ab".repeat(32)));
		assertFalse(registry.find("resnet").isPresent());
		assertThrows(IllegalArgumentException.class, () -> Checksum.sha256("abc"));
		assertThrows(IllegalArgumentException.class, () -> Checksum.sha256Prefix(
			"xyz"));
	}
}
