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

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The model files the product can download, verify and find by id or by
 * checksum.
 */
public final class ModelRegistry {

	/**
	 * torchvision's VGG19, in PyTorch's legacy format; the feature network of
	 * Gatys et al.
	 */
	/**
	 * The loss networks' names, as constants that annotations (choice lists) can
	 * use.
	 */
	public static final String VGG19_ID = "vgg19", VGG16_ID = "vgg16",
			KERAS_VGG16_ID = "keras-vgg16", SQUEEZENET1_1_ID = "squeezenet1_1";

	public static final KnownModel VGG19 = new KnownModel(VGG19_ID,
		"torchvision VGG19", ModelKind.VGG_FEATURES, URI.create(
			"https://download.pytorch.org/models/vgg19-dcbb9e9d.pth"),
		"vgg19-dcbb9e9d.pth", 574_673_361L, Checksum.sha256(
			"dcbb9e9dad569fff7a846263a77324fc34978fea2bfb039c012d710e1776ae44"));

	/**
	 * torchvision's VGG16: only the first 8 digits of its SHA-256 (its file name)
	 * are published.
	 */
	public static final KnownModel VGG16 = new KnownModel(VGG16_ID,
		"torchvision VGG16", ModelKind.VGG_FEATURES, URI.create(
			"https://download.pytorch.org/models/vgg16-397923af.pth"),
		"vgg16-397923af.pth", -1, Checksum.sha256Prefix("397923af"));

	/**
	 * Keras' VGG16 without its classifier, as keras-applications downloads it
	 * (keras_applications/vgg16.py, WEIGHTS_PATH_NO_TOP). Keras publishes only an
	 * MD5 (its get_file's file_hash 6d6bbae143d832006294945121d1f1fc), no
	 * SHA-256, so only the size is checked; the file is read as HDF5 and its
	 * layers and shapes are checked when it is opened.
	 */
	public static final KnownModel KERAS_VGG16 = new KnownModel(KERAS_VGG16_ID,
		"Keras VGG16 (no top)", ModelKind.VGG_FEATURES, URI.create(
			"https://github.com/fchollet/deep-learning-models/releases/download/v0.1/vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5"),
		"vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5", 58_889_256L, Checksum
			.none());

	/**
	 * torchvision's SqueezeNet 1.1, the CS231n assignment's network: only the
	 * first 8 digits of its SHA-256 (its file name) are published.
	 */
	public static final KnownModel SQUEEZENET1_1 = new KnownModel(
		SQUEEZENET1_1_ID, "torchvision SqueezeNet 1.1",
		ModelKind.SQUEEZENET_FEATURES, URI.create(
			"https://download.pytorch.org/models/squeezenet1_1-b8a52dc0.pth"),
		"squeezenet1_1-b8a52dc0.pth", -1, Checksum.sha256Prefix("b8a52dc0"));

	/**
	 * The fast models pytorch/examples publishes: candy.pth, mosaic.pth,
	 * rain_princess.pth and udnie.pth in one zip, with no checksum published.
	 */
	public static final KnownModel FAST_MODELS = new KnownModel("fast-models",
		"pytorch/examples fast style models", ModelKind.FAST_MODEL_ARCHIVE, URI
			.create(
				"https://www.dropbox.com/s/lrvwfehqdcxoza8/saved_models.zip?dl=1"),
		"saved_models.zip", -1, Checksum.none());

	private static final ModelRegistry STANDARD = new ModelRegistry(List.of(VGG19,
		VGG16, KERAS_VGG16, SQUEEZENET1_1, FAST_MODELS));

	private final List<KnownModel> models;

	public ModelRegistry(List<KnownModel> models) {
		this.models = List.copyOf(models);
	}

	public static ModelRegistry standard() {
		return STANDARD;
	}

	/** This registry plus one more model. */
	public ModelRegistry with(KnownModel model) {
		List<KnownModel> more = new ArrayList<>(models);
		more.add(model);
		return new ModelRegistry(more);
	}

	public List<KnownModel> models() {
		return models;
	}

	public Optional<KnownModel> find(String id) {
		return models.stream().filter(m -> m.id().equals(id)).findFirst();
	}

	/**
	 * The model with this id; for an unknown id the message lists the known ones.
	 */
	public KnownModel get(String id) {
		return find(id).orElseThrow(() -> new IllegalArgumentException(
			"Unknown model '" + id + "'. Known models: " + models.stream().map(
				KnownModel::id).collect(Collectors.joining(", ")) + "."));
	}

	/**
	 * The model a file with this SHA-256 is. Models without a checksum are never
	 * identified, and a complete checksum is preferred over a prefix match.
	 */
	public Optional<KnownModel> identify(String sha256) {
		return models.stream().filter(m -> m.checksum().isKnown() && m.checksum()
			.matches(sha256)).max((a, b) -> Integer.compare(a.checksum()
				.sha256Prefix().length(), b.checksum().sha256Prefix().length()));
	}
}
