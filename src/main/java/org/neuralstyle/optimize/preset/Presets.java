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

package org.neuralstyle.optimize.preset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.neuralstyle.fast.train.FastTrainingSettings;
import org.neuralstyle.loss.LossForms;
import org.neuralstyle.net.Pooling;
import org.neuralstyle.net.Preprocessing;
import org.neuralstyle.optim.LineSearch;
import org.neuralstyle.optim.OptimizerKind;
import org.neuralstyle.optimize.StyleTransferSettings;
import org.neuralstyle.optimize.StyleTransferSettings.Clamping;
import org.neuralstyle.optimize.StyleTransferSettings.Init;
import org.neuralstyle.optimize.StyleTransferSettings.Noise;
import org.neuralstyle.optimize.StyleTransferSettings.StyleSize;
import org.neuralstyle.optimize.StyleTransferSettings.Variable;
import org.neuralstyle.weights.ModelRegistry;

/**
 * The presets, by name: each reproduces one source system (the seeds in the
 * project's shared/seeds, and the published code they name). docs/presets.md
 * shows them as a table and says how to add one; every decision where a source
 * is vague is stated there.
 */
public final class Presets {

	/** The PyTorch "Neural Transfer" tutorial's formulation. */
	public static final String PYTORCH_TUTORIAL = "pytorch-tutorial";
	public static final String YUNJEY = "yunjey";
	public static final String KERAS_VGG16 = "keras-vgg16";
	public static final String GATYS2016 = "gatys2016";
	public static final String CS231N = "cs231n";
	public static final String JOHNSON = "johnson";

	private static final Map<String, Preset> ALL = new LinkedHashMap<>();

	static {
		add(pytorchTutorial());
		add(yunjey());
		add(kerasVgg16());
		add(gatys2016());
		add(cs231n());
		add(johnson());
	}

	private Presets() {}

	/** Registers a preset; its name must be new. */
	static void add(Preset preset) {
		if (ALL.putIfAbsent(preset.name(), preset) != null)
			throw new IllegalStateException("two presets named " + preset.name());
	}

	/** Every preset, in the order of the docs' table. */
	public static List<Preset> all() {
		return Collections.unmodifiableList(new ArrayList<>(ALL.values()));
	}

	/** The preset named {@code name} (any case), or a message listing them. */
	public static Preset named(String name) {
		Preset p = ALL.get(name == null ? "" : name.trim().toLowerCase(
			Locale.ROOT));
		if (p != null) return p;
		throw new IllegalArgumentException("Unknown preset '" + name +
			"': use one of " + String.join(", ", ALL.keySet()) + ".");
	}

	/** The names of the presets of one kind, for choice lists. */
	public static List<String> names(Preset.Kind kind) {
		return ALL.values().stream().filter(p -> p.kind() == kind).map(Preset::name)
			.collect(Collectors.toList());
	}

	/**
	 * Builds an optimization preset: {@code edit} changes a fresh default
	 * settings object.
	 */
	private static Preset optimize(String name, String system, String seed,
		String network, Consumer<StyleTransferSettings> edit,
		Map<String, String> sources)
	{
		return new Preset(name, system, seed, network, Preset.Kind.OPTIMIZE, () -> {
			StyleTransferSettings s = new StyleTransferSettings();
			edit.accept(s);
			return s;
		}, Collections.unmodifiableMap(sources));
	}

	/** Source notes in insertion order: setting, source, setting, source, ... */
	private static Map<String, String> sources(String... pairs) {
		Map<String, String> m = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2)
			m.put(pairs[i], pairs[i + 1]);
		return m;
	}

	private static final String TUTORIAL =
		"PyTorch tutorial 'Neural Transfer Using PyTorch'";

	/**
	 * Today's formulation, named and pinned: fixed-step L-BFGS with the image
	 * clamped inside each evaluation, the last image returned, whatever the
	 * engine's default becomes.
	 */
	private static Preset pytorchTutorial() {
		return optimize(PYTORCH_TUTORIAL,
			"the PyTorch Neural Transfer tutorial (the engine's formulation)",
			"tutorial", ModelRegistry.VGG19_ID, s -> {
				s.optimizer = OptimizerKind.LBFGS;
				s.lineSearch = LineSearch.NONE;
				s.keepBest = false;
			}, sources("network", TUTORIAL + ": models.vgg19(pretrained=True)",
				"iterations", TUTORIAL + ": num_steps=300", "optimizer", TUTORIAL +
					": optim.LBFGS([input_img])", "contentWeight", TUTORIAL +
						": content_weight=1", "styleWeight", TUTORIAL +
							": style_weight=1000000", "contentLayers", TUTORIAL +
								": content_layers_default = ['conv_4']", "styleLayers",
				TUTORIAL + ": style_layers_default = ['conv_1' … 'conv_5']", "maxSize",
				TUTORIAL + ": imsize = 512 with a GPU", "preprocessing", TUTORIAL +
					": Normalization(cnn_normalization_mean, _std)", "contentReduction",
				TUTORIAL + ": F.mse_loss(input, self.target)", "gramNormalization",
				TUTORIAL + ": G.div(a * b * c * d)", "styleReduction", TUTORIAL +
					": F.mse_loss(G, self.target)", "clamping", TUTORIAL +
						": input_img.clamp_(0, 1) inside the closure", "lineSearch",
				TUTORIAL + ": LBFGS without line_search_fn", "keepBest", TUTORIAL +
					": returns input_img after the last step"));
	}

	private static final String S000 = "seed 000 line ";
	private static final String YUNJEY_CODE =
		"yunjey/pytorch-tutorial neural_style_transfer/main.py (named at seed 000 line 44): ";

	/** yunjey's pytorch-tutorial neural style transfer (seed 000). */
	private static Preset yunjey() {
		String layers = "relu1_1,relu2_1,relu3_1,relu4_1,relu5_1";
		return optimize(YUNJEY, "yunjey's pytorch-tutorial, Adam on VGG19", "000",
			ModelRegistry.VGG19_ID, s -> {
				s.contentLayers = StyleTransferSettings.parseLayers(layers);
				s.styleLayers = StyleTransferSettings.parseLayers(layers);
				s.contentWeight = 1;
				s.styleWeight = 100;
				s.tvWeight = 0;
				s.contentReduction = LossForms.Reduction.MEAN;
				s.gramNormalization = LossForms.GramNormalization.NONE;
				s.styleReduction = LossForms.Reduction.MEAN;
				s.styleDivisor = LossForms.StyleDivisor.CHW;
				s.optimizer = OptimizerKind.ADAM;
				s.learningRate = 0.003;
				s.adamBeta1 = 0.5;
				s.adamBeta2 = 0.999;
				s.iterations = 2000;
				s.snapshotEvery = 100;
				s.maxSize = 2000;
				s.init = Init.CONTENT;
				s.variable = Variable.NETWORK_INPUT;
				s.clamping = Clamping.NONE;
				s.styleSize = StyleSize.CONTENT_SHAPE;
				s.keepBest = false;
			}, sources("network", YUNJEY_CODE + "models.vgg19(pretrained=True)",
				"contentLayers", S000 +
					"65: vgg(target), the features after modules 0, 5, 10, 19, 28 (" +
					YUNJEY_CODE +
					"select), overwritten by the in-place ReLUs: relu1_1 … relu5_1",
				"styleLayers", S000 + "65, as the content layers", "contentWeight",
				S000 + "89: loss = content_loss + style_weight * style_loss",
				"styleWeight", S000 + "106: style_weight default=100",
				"contentReduction", S000 + "73: torch.mean((f1 - f2) ** 2)",
				"gramNormalization", S000 + "79: torch.mm(f1, f1.t())",
				"styleReduction", S000 + "82: torch.mean((f1 - f3) ** 2) / (c * h * w)",
				"styleDivisor", S000 + "82: / (c * h * w)", "optimizer", S000 +
					"57: torch.optim.Adam([target], …)", "learningRate", S000 +
						"109: lu default=0.003 (the code's lr)", "adamBeta1", S000 +
							"57: betas=[0.5, 0.999]", "adamBeta2", S000 +
								"57: betas=[0.5, 0.999]", "iterations", S000 +
									"103: total_step default=2000", "snapshotEvery", S000 +
										"105: sample_step default=100", "maxSize", S000 +
											"102: max_size default=2000", "init", S000 + "54 and " +
												YUNJEY_CODE + "target = content.clone()", "variable",
				YUNJEY_CODE +
					"the normalized tensor is optimized (transforms.Normalize)",
				"preprocessing", YUNJEY_CODE +
					"transforms.Normalize(mean=(0.485, 0.456, 0.406), std=(0.229, 0.224, 0.225))",
				"clamping", YUNJEY_CODE + "denorm(img).clamp_(0, 1) only when saving",
				"styleSize", YUNJEY_CODE +
					"load_image(style, shape=[content.size(2), content.size(3)])",
				"keepBest", YUNJEY_CODE + "saves the target of the last step"));
	}

	private static final String S001 = "seed 001 line ";

	/**
	 * Keras' VGG16 example (seed 001), here with torchvision-layout VGG16 weights
	 * and therefore torchvision's preprocessing.
	 */
	private static Preset kerasVgg16() {
		return optimize(KERAS_VGG16, "Keras' VGG16 example, L-BFGS with TV loss",
			"001", ModelRegistry.VGG16_ID, s -> {
				s.contentLayers = StyleTransferSettings.parseLayers("relu2_2");
				s.styleLayers = StyleTransferSettings.parseLayers(
					"relu1_2:0.2,relu2_2:0.2,relu3_3:0.2,relu4_3:0.2,relu5_3:0.2");
				s.contentWeight = 0.025;
				s.styleWeight = 5.0;
				s.tvWeight = 1.0;
				s.contentReduction = LossForms.Reduction.SUM;
				s.gramNormalization = LossForms.GramNormalization.NONE;
				s.styleReduction = LossForms.Reduction.SUM;
				s.styleDivisor = LossForms.StyleDivisor.FOUR_IMAGE_C2_HW2;
				s.tvForm = LossForms.TotalVariation.POWER_1_25;
				s.optimizer = OptimizerKind.LBFGS;
				s.lineSearch = LineSearch.STRONG_WOLFE;
				s.iterations = 200;
				s.snapshotEvery = 20;
				s.maxSize = 512;
				s.init = Init.RANDOM;
				s.noise = Noise.UNIFORM_CAFFE;
				s.variable = Variable.NETWORK_INPUT;
				s.preprocessing = Preprocessing.TORCHVISION;
				s.clamping = Clamping.NONE;
				s.styleSize = StyleSize.CONTENT_SHAPE;
				s.pooling = Pooling.MAX;
				s.keepBest = false;
			}, sources("network", S001 +
				"108: VGG16(input_tensor=input_tensor, weights='imagenet', include_top=False)",
				"contentLayers", S001 +
					"122: layers['block2_conv2'] (a Keras conv layer includes its ReLU)",
				"styleLayers", S001 + "140-148: block1_conv2 … block5_conv3, each " +
					"style_weight / len(feature_layers)", "contentWeight", S001 +
						"112: content_weight = 0.025", "styleWeight", S001 +
							"113: style_weight = 5.0", "tvWeight", S001 +
								"114: total_variation_weight = 1.0", "contentReduction", S001 +
									"120: backend.sum(backend.square(combination - content))",
				"gramNormalization", S001 +
					"131: backend.dot(features, backend.transpose(features))",
				"styleReduction", S001 + "138: backend.sum(backend.square(S - C))",
				"styleDivisor", S001 +
					"136-138: / (4. * (channels ** 2) * (size ** 2)), channels = 3, size = height * width",
				"tvForm", S001 + "150-153: sum(pow(a + b, 1.25))", "optimizer", S001 +
					"200: fmin_l_bfgs_b", "lineSearch", S001 +
						"200: scipy's L-BFGS-B searches lines; torch's strong_wolfe here",
				"iterations", S001 + "195-201: 10 calls of maxfun=20 evaluations",
				"snapshotEvery", S001 + "202: the loss is printed after each call",
				"maxSize", S001 + "68-69: height = width = 512", "init", S001 +
					"193: np.random.uniform(0, 255, …) - 128.", "noise", S001 +
						"193: uniform(0, 255) - 128 in preprocessed (Caffe) units",
				"variable", S001 + "163-164: x is the preprocessed image",
				"preprocessing",
				"torchvision's for torchvision weights (issue 13); Caffe's at " + S001 +
					"89-97 with Keras' .h5 weights", "clamping", S001 +
						"212: np.clip(x, 0, 255) only at the end", "styleSize", S001 +
							"78: style_image.resize((height, width))"));
	}

	private static final String S004 = "seed 004 line ";
	private static final String PAPER =
		"Gatys, Ecker, Bethge 2016, Image Style Transfer Using CNNs, ";

	/** Gatys et al. 2016 as seed 004's slides give it. */
	private static Preset gatys2016() {
		return optimize(GATYS2016, "Gatys et al. (2016), as seed 004's slides",
			"004", ModelRegistry.VGG19_ID, s -> {
				s.contentLayers = StyleTransferSettings.parseLayers("conv4_4");
				s.styleLayers = StyleTransferSettings.parseLayers(
					"conv1_1:0.2,conv2_1:0.2,conv3_1:0.2,conv4_1:0.2,conv5_1:0.2");
				s.contentWeight = 1;
				s.styleWeight = 1000;
				s.tvWeight = 0;
				s.contentReduction = LossForms.Reduction.HALF_SUM;
				s.gramNormalization = LossForms.GramNormalization.NONE;
				s.styleReduction = LossForms.Reduction.SUM;
				s.styleDivisor = LossForms.StyleDivisor.FOUR_N2_M2;
				s.optimizer = OptimizerKind.LBFGS;
				s.lineSearch = LineSearch.STRONG_WOLFE;
				s.iterations = 500;
				s.init = Init.RANDOM;
				s.noise = Noise.UNIFORM;
				s.pooling = Pooling.AVG;
				s.clamping = Clamping.NONE;
				s.keepBest = false;
			}, sources("network", S004 + "90-97: the VGG-19 layers", "contentLayers",
				S004 + "147: content layer conv4_4 (the paper uses conv4_2)",
				"styleLayers", S004 +
					"175: conv1_1, conv2_1, conv3_1, conv4_1, conv5_1; " + PAPER +
					"w_l = 1/5", "contentWeight", S004 + "202: α; " + PAPER +
						"α/β = 1e-3", "styleWeight", S004 + "202: β; " + PAPER +
							"α/β = 1e-3", "contentReduction", S004 + "149: ½ Σ (F − P)²",
				"gramNormalization", S004 + "177: G = Σ_k F_ik F_jk", "styleReduction",
				S004 + "179: Σ (G − A)²", "styleDivisor", S004 +
					"179: 1 / (4 N_l² M_l²)", "optimizer", PAPER + "L-BFGS", "lineSearch",
				PAPER + "L-BFGS (scipy's, with line search); torch's strong_wolfe here",
				"iterations",
				"silent in slides and paper: 500, as leongatys/PytorchNeuralStyleTransfer",
				"init", PAPER + "gradient descent from a white-noise image", "noise",
				"white noise: uniform in [0, 1) per pixel (decision)", "pooling",
				PAPER +
					"replacing max pooling by average pooling improves the gradient flow",
				"clamping", PAPER + "no clamping is mentioned", "keepBest",
				"the last image, as the optimizers return it (decision)"));
	}

	private static final String S002 = "seed 002 line ";
	private static final String CS231N_CODE =
		"CS231n assignment 3, style_transfer(): ";

	/**
	 * The CS231n assignment's style transfer with SqueezeNet 1.1 (seed 002), with
	 * the layers and weights of its "The Scream" example. Layers are named as in
	 * the SqueezeNet paper; the assignment's indices into features are: 1 relu1,
	 * 3 fire2, 4 fire3, 6 fire4, 7 fire5.
	 */
	private static Preset cs231n() {
		return optimize(CS231N, "CS231n assignment 3, Adam on SqueezeNet 1.1",
			"002", ModelRegistry.SQUEEZENET1_1_ID, s -> {
				s.contentLayers = StyleTransferSettings.parseLayers("fire2");
				s.styleLayers = StyleTransferSettings.parseLayers(
					"relu1:300000,fire3:1000,fire4:15,fire5:3");
				s.contentWeight = 6e-2;
				s.styleWeight = 1;
				s.tvWeight = 2e-2;
				s.contentReduction = LossForms.Reduction.SUM;
				s.gramNormalization = LossForms.GramNormalization.CHW;
				s.styleReduction = LossForms.Reduction.SUM;
				s.styleDivisor = LossForms.StyleDivisor.NONE;
				s.tvForm = LossForms.TotalVariation.SUM_SQUARED;
				s.optimizer = OptimizerKind.ADAM;
				s.learningRate = 3.0;
				s.learningRateDecayAt = 180;
				s.learningRateLater = 0.1;
				s.iterations = 200;
				s.snapshotEvery = 100;
				s.maxSize = 192;
				s.init = Init.CONTENT;
				s.variable = Variable.NETWORK_INPUT;
				s.preprocessing = Preprocessing.TORCHVISION;
				s.clamping = Clamping.RANGE;
				s.clampLow = -1.5;
				s.clampHigh = 1.5;
				s.clampIterations = 190;
				s.postprocessing = StyleTransferSettings.Postprocessing.MIN_MAX;
				s.pooling = Pooling.MAX;
				s.keepBest = false;
			}, sources("network", S002 +
				"13: torchvision.models.squeezenet1_1(pretrained=True).features",
				"keepBest", CS231N_CODE + "shows img as the last iteration left it",
				"contentLayers", S002 +
					"35-41: extract_features keeps every module's " + "output; " +
					CS231N_CODE + "content_layer=3 (fire2)", "styleLayers", CS231N_CODE +
						"style_layers=(1, 4, 6, 7) (relu1, fire3, fire4, fire5), style_weights=(300000, 1000, 15, 3)",
				"contentWeight", CS231N_CODE + "content_weight=6e-2", "styleWeight",
				CS231N_CODE +
					"the style_weights per layer are the whole weight: 1 multiplies them",
				"contentReduction", S002 +
					"92: content_weight * torch.sum((content_original - content_current)**2)",
				"gramNormalization", S002 + "166: gram /= (H*W*C)", "styleReduction",
				S002 +
					"240: style_weights[i] * torch.sum((style_targets[i] - G_Mat)**2)",
				"tvWeight", CS231N_CODE + "tv_weight=2e-2", "tvForm", S002 +
					"288-291: (H_var + W_var) * tv_weight, sums of squared differences of img",
				"optimizer", CS231N_CODE + "torch.optim.Adam([img], lr=initial_lr)",
				"learningRate", CS231N_CODE + "initial_lr = 3.0", "learningRateDecayAt",
				CS231N_CODE +
					"decay_lr_at = 180: optimizer = torch.optim.Adam([img], lr=decayed_lr), a fresh Adam",
				"learningRateLater", CS231N_CODE + "decayed_lr = 0.1", "iterations",
				CS231N_CODE + "for t in range(200)", "snapshotEvery", CS231N_CODE +
					"the image is shown when t % 100 == 0", "maxSize", CS231N_CODE +
						"image_size=192 (T.Resize: the short side there, the long side here)",
				"init", CS231N_CODE + "init_random=False: img = content_img.clone()",
				"variable", CS231N_CODE + "img, the preprocessed tensor, is optimized",
				"preprocessing", CS231N_CODE +
					"preprocess: T.Normalize(mean=SQUEEZENET_MEAN, std=SQUEEZENET_STD)",
				"clamping", CS231N_CODE + "if t < 190: img.data.clamp_(-1.5, 1.5)",
				"clampLow", CS231N_CODE + "clamp_(-1.5, 1.5)", "clampHigh",
				CS231N_CODE + "clamp_(-1.5, 1.5)", "clampIterations", CS231N_CODE +
					"if t < 190", "postprocessing", CS231N_CODE +
						"deprocess: de-normalized, then rescale: (x - x.min()) / (x.max() - x.min())",
				"pooling",
				"torchvision's SqueezeNet: MaxPool2d(3, 2, ceil_mode=True)"));
	}

	private static final String S003 = "seed 003 line ";

	/** Johnson et al.'s fast-model training defaults (seed 003). */
	private static Preset johnson() {
		return new Preset(JOHNSON,
			"Johnson et al., fast feed-forward models (pytorch/examples)", "003",
			ModelRegistry.VGG16_ID, Preset.Kind.TRAIN, FastTrainingSettings::new,
			Collections.unmodifiableMap(sources("network",
				"pytorch/examples fast_neural_style: vgg16 loss network", "imageSize",
				S003 + "85: 3 × 256 × 256 training images", "batchSize",
				"pytorch/examples fast_neural_style: batch-size 4", "epochs",
				"pytorch/examples fast_neural_style: epochs 2", "contentWeight",
				"pytorch/examples fast_neural_style: content-weight 1e5", "styleWeight",
				"pytorch/examples fast_neural_style: style-weight 1e10", "learningRate",
				"pytorch/examples fast_neural_style: lr 1e-3")));
	}
}
