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

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
	 * One setting of a preset: the settings field, its value (null: the engine's
	 * default, which is the source's too) and where the source says so.
	 */
	private record Setting(String field, Object value, String source) {
	}

	/**
	 * A setting the preset gives {@code value}, as {@code source} says (null: the
	 * value is pinned, and the table calls it the engine's default).
	 */
	private static Setting set(String field, Object value, String source) {
		return new Setting(field, value, source);
	}

	/**
	 * A setting the preset leaves at the engine's default, which is also the
	 * source's: only where it comes from is noted.
	 */
	private static Setting same(String field, String source) {
		return new Setting(field, null, source);
	}

	/** Layer names with their weights, as the options take them. */
	private static Map<String, Float> layers(String spec) {
		return StyleTransferSettings.parseLayers(spec);
	}

	/**
	 * Builds an optimization preset: its settings are a fresh default settings
	 * object with the given values. Each is applied once here, so a misspelt
	 * field or a value of the wrong type fails when the class loads.
	 */
	private static Preset optimize(String name, String system, String seed,
		String network, Setting... settings)
	{
		Map<String, String> sources = new LinkedHashMap<>();
		for (Setting setting : settings)
			if (setting.source() != null) sources.put(setting.field(), setting
				.source());
		Preset preset = new Preset(name, system, seed, network,
			Preset.Kind.OPTIMIZE, () -> {
				StyleTransferSettings s = new StyleTransferSettings();
				for (Setting setting : settings)
					if (setting.value() != null) apply(s, setting);
				return s;
			}, Collections.unmodifiableMap(sources));
		preset.settings();
		return preset;
	}

	private static void apply(Object settings, Setting setting) {
		try {
			Field field = settings.getClass().getField(setting.field());
			// Field.set unboxes and widens: an int literal sets a double.
			field.set(settings, setting.value());
		}
		catch (ReflectiveOperationException | IllegalArgumentException e) {
			throw new IllegalStateException("Preset setting " + setting.field() +
				" = " + setting.value() + ": " + e, e);
		}
	}

	private static final String TUTORIAL =
		"PyTorch tutorial 'Neural Transfer Using PyTorch': ";

	/**
	 * Today's formulation, named and pinned: fixed-step L-BFGS with the image
	 * clamped inside each evaluation, the last image returned, whatever the
	 * engine's default becomes.
	 */
	private static Preset pytorchTutorial() {
		return optimize(PYTORCH_TUTORIAL,
			"the PyTorch Neural Transfer tutorial (the engine's formulation)",
			"tutorial", ModelRegistry.VGG19_ID, //
			same("network", TUTORIAL + "models.vgg19(pretrained=True)"), //
			same("iterations", TUTORIAL + "num_steps=300"), //
			set("optimizer", OptimizerKind.LBFGS, TUTORIAL +
				"optim.LBFGS([input_img])"), //
			same("contentWeight", TUTORIAL + "content_weight=1"), //
			same("styleWeight", TUTORIAL + "style_weight=1000000"), //
			same("contentLayers", TUTORIAL + "content_layers_default = ['conv_4']"), //
			same("styleLayers", TUTORIAL +
				"style_layers_default = ['conv_1' … 'conv_5']"), //
			same("maxSize", TUTORIAL + "imsize = 512 with a GPU"), //
			same("preprocessing", TUTORIAL +
				"Normalization(cnn_normalization_mean, _std)"), //
			same("contentReduction", TUTORIAL + "F.mse_loss(input, self.target)"), //
			same("gramNormalization", TUTORIAL + "G.div(a * b * c * d)"), //
			same("styleReduction", TUTORIAL + "F.mse_loss(G, self.target)"), //
			same("clamping", TUTORIAL + "input_img.clamp_(0, 1) inside the closure"), //
			set("lineSearch", LineSearch.NONE, TUTORIAL +
				"LBFGS without line_search_fn"), //
			set("keepBest", false, TUTORIAL +
				"returns input_img after the last step"));
	}

	private static final String S000 = "seed 000 line ";
	private static final String YUNJEY_CODE =
		"yunjey/pytorch-tutorial neural_style_transfer/main.py (named at seed 000 line 44): ";

	/** yunjey's pytorch-tutorial neural style transfer (seed 000). */
	private static Preset yunjey() {
		String layers = "relu1_1,relu2_1,relu3_1,relu4_1,relu5_1";
		return optimize(YUNJEY, "yunjey's pytorch-tutorial, Adam on VGG19", "000",
			ModelRegistry.VGG19_ID, //
			same("network", YUNJEY_CODE + "models.vgg19(pretrained=True)"), //
			set("contentLayers", layers(layers), S000 +
				"65: vgg(target), the features after modules 0, 5, 10, 19, 28 (" +
				YUNJEY_CODE +
				"select), overwritten by the in-place ReLUs: relu1_1 … relu5_1"), //
			set("styleLayers", layers(layers), S000 + "65, as the content layers"), //
			set("contentWeight", 1, S000 +
				"89: loss = content_loss + style_weight * style_loss"), //
			set("styleWeight", 100, S000 + "106: style_weight default=100"), //
			set("tvWeight", 0, null), //
			set("contentReduction", LossForms.Reduction.MEAN, S000 +
				"73: torch.mean((f1 - f2) ** 2)"), //
			set("gramNormalization", LossForms.GramNormalization.NONE, S000 +
				"79: torch.mm(f1, f1.t())"), //
			set("styleReduction", LossForms.Reduction.MEAN, S000 +
				"82: torch.mean((f1 - f3) ** 2) / (c * h * w)"), //
			set("styleDivisor", LossForms.StyleDivisor.CHW, S000 +
				"82: / (c * h * w)"), //
			set("optimizer", OptimizerKind.ADAM, S000 +
				"57: torch.optim.Adam([target], …)"), //
			set("learningRate", 0.003, S000 +
				"109: lu default=0.003 (the code's lr)"), //
			set("adamBeta1", 0.5, S000 + "57: betas=[0.5, 0.999]"), //
			set("adamBeta2", 0.999, S000 + "57: betas=[0.5, 0.999]"), //
			set("iterations", 2000, S000 + "103: total_step default=2000"), //
			set("snapshotEvery", 100, S000 + "105: sample_step default=100"), //
			set("maxSize", 2000, S000 + "102: max_size default=2000"), //
			set("init", Init.CONTENT, S000 + "54 and " + YUNJEY_CODE +
				"target = content.clone()"), //
			set("variable", Variable.NETWORK_INPUT, YUNJEY_CODE +
				"the normalized tensor is optimized (transforms.Normalize)"), //
			same("preprocessing", YUNJEY_CODE +
				"transforms.Normalize(mean=(0.485, 0.456, 0.406), std=(0.229, 0.224, 0.225))"), //
			set("clamping", Clamping.NONE, YUNJEY_CODE +
				"denorm(img).clamp_(0, 1) only when saving"), //
			set("styleSize", StyleSize.CONTENT_SHAPE, YUNJEY_CODE +
				"load_image(style, shape=[content.size(2), content.size(3)])"), //
			set("keepBest", false, YUNJEY_CODE +
				"saves the target of the last step"));
	}

	private static final String S001 = "seed 001 line ";

	/**
	 * Keras' VGG16 example (seed 001), here with torchvision-layout VGG16 weights
	 * and therefore torchvision's preprocessing.
	 */
	private static Preset kerasVgg16() {
		return optimize(KERAS_VGG16, "Keras' VGG16 example, L-BFGS with TV loss",
			"001", ModelRegistry.VGG16_ID, //
			same("network", S001 +
				"108: VGG16(input_tensor=input_tensor, weights='imagenet', include_top=False)"), //
			set("contentLayers", layers("relu2_2"), S001 +
				"122: layers['block2_conv2'] (a Keras conv layer includes its ReLU)"), //
			set("styleLayers", layers(
				"relu1_2:0.2,relu2_2:0.2,relu3_3:0.2,relu4_3:0.2,relu5_3:0.2"), S001 +
					"140-148: block1_conv2 … block5_conv3, each " +
					"style_weight / len(feature_layers)"), //
			set("contentWeight", 0.025, S001 + "112: content_weight = 0.025"), //
			set("styleWeight", 5.0, S001 + "113: style_weight = 5.0"), //
			set("tvWeight", 1.0, S001 + "114: total_variation_weight = 1.0"), //
			set("contentReduction", LossForms.Reduction.SUM, S001 +
				"120: backend.sum(backend.square(combination - content))"), //
			set("gramNormalization", LossForms.GramNormalization.NONE, S001 +
				"131: backend.dot(features, backend.transpose(features))"), //
			set("styleReduction", LossForms.Reduction.SUM, S001 +
				"138: backend.sum(backend.square(S - C))"), //
			set("styleDivisor", LossForms.StyleDivisor.FOUR_IMAGE_C2_HW2, S001 +
				"136-138: / (4. * (channels ** 2) * (size ** 2)), channels = 3, size = height * width"), //
			set("tvForm", LossForms.TotalVariation.POWER_1_25, S001 +
				"150-153: sum(pow(a + b, 1.25))"), //
			set("optimizer", OptimizerKind.LBFGS, S001 + "200: fmin_l_bfgs_b"), //
			set("lineSearch", LineSearch.STRONG_WOLFE, S001 +
				"200: scipy's L-BFGS-B searches lines; torch's strong_wolfe here"), //
			set("iterations", 200, S001 +
				"195-201: 10 calls of maxfun=20 evaluations"), //
			set("snapshotEvery", 20, S001 +
				"202: the loss is printed after each call"), //
			set("maxSize", 512, S001 + "68-69: height = width = 512"), //
			set("init", Init.RANDOM, S001 +
				"193: np.random.uniform(0, 255, …) - 128."), //
			set("noise", Noise.UNIFORM_CAFFE, S001 +
				"193: uniform(0, 255) - 128 in preprocessed (Caffe) units"), //
			set("variable", Variable.NETWORK_INPUT, S001 +
				"163-164: x is the preprocessed image"), //
			set("preprocessing", Preprocessing.TORCHVISION,
				"torchvision's for torchvision weights (issue 13); Caffe's at " + S001 +
					"89-97 with Keras' .h5 weights"), //
			set("clamping", Clamping.NONE, S001 +
				"212: np.clip(x, 0, 255) only at the end"), //
			set("styleSize", StyleSize.CONTENT_SHAPE, S001 +
				"78: style_image.resize((height, width))"), //
			set("pooling", Pooling.MAX, null), //
			set("keepBest", false, null));
	}

	private static final String S004 = "seed 004 line ";
	private static final String PAPER =
		"Gatys, Ecker, Bethge 2016, Image Style Transfer Using CNNs, ";

	/** Gatys et al. 2016 as seed 004's slides give it. */
	private static Preset gatys2016() {
		return optimize(GATYS2016, "Gatys et al. (2016), as seed 004's slides",
			"004", ModelRegistry.VGG19_ID, //
			same("network", S004 + "90-97: the VGG-19 layers"), //
			set("contentLayers", layers("conv4_4"), S004 +
				"147: content layer conv4_4 (the paper uses conv4_2)"), //
			set("styleLayers", layers(
				"conv1_1:0.2,conv2_1:0.2,conv3_1:0.2,conv4_1:0.2,conv5_1:0.2"), S004 +
					"175: conv1_1, conv2_1, conv3_1, conv4_1, conv5_1; " + PAPER +
					"w_l = 1/5"), //
			set("contentWeight", 1, S004 + "202: α; " + PAPER + "α/β = 1e-3"), //
			set("styleWeight", 1000, S004 + "202: β; " + PAPER + "α/β = 1e-3"), //
			set("tvWeight", 0, null), //
			set("contentReduction", LossForms.Reduction.HALF_SUM, S004 +
				"149: ½ Σ (F − P)²"), //
			set("gramNormalization", LossForms.GramNormalization.NONE, S004 +
				"177: G = Σ_k F_ik F_jk"), //
			set("styleReduction", LossForms.Reduction.SUM, S004 + "179: Σ (G − A)²"), //
			set("styleDivisor", LossForms.StyleDivisor.FOUR_N2_M2, S004 +
				"179: 1 / (4 N_l² M_l²)"), //
			set("optimizer", OptimizerKind.LBFGS, PAPER + "L-BFGS"), //
			set("lineSearch", LineSearch.STRONG_WOLFE, PAPER +
				"L-BFGS (scipy's, with line search); torch's strong_wolfe here"), //
			set("iterations", 500,
				"silent in slides and paper: 500, as leongatys/PytorchNeuralStyleTransfer"), //
			set("init", Init.RANDOM, PAPER +
				"gradient descent from a white-noise image"), //
			set("noise", Noise.UNIFORM,
				"white noise: uniform in [0, 1) per pixel (decision)"), //
			set("pooling", Pooling.AVG, PAPER +
				"replacing max pooling by average pooling improves the gradient flow"), //
			set("clamping", Clamping.NONE, PAPER + "no clamping is mentioned"), //
			set("keepBest", false,
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
			"002", ModelRegistry.SQUEEZENET1_1_ID, //
			same("network", S002 +
				"13: torchvision.models.squeezenet1_1(pretrained=True).features"), //
			set("contentLayers", layers("fire2"), S002 +
				"35-41: extract_features keeps every module's output; " + CS231N_CODE +
				"content_layer=3 (fire2)"), //
			set("styleLayers", layers("relu1:300000,fire3:1000,fire4:15,fire5:3"),
				CS231N_CODE +
					"style_layers=(1, 4, 6, 7) (relu1, fire3, fire4, fire5), style_weights=(300000, 1000, 15, 3)"), //
			set("contentWeight", 6e-2, CS231N_CODE + "content_weight=6e-2"), //
			set("styleWeight", 1, CS231N_CODE +
				"the style_weights per layer are the whole weight: 1 multiplies them"), //
			set("tvWeight", 2e-2, CS231N_CODE + "tv_weight=2e-2"), //
			set("contentReduction", LossForms.Reduction.SUM, S002 +
				"92: content_weight * torch.sum((content_original - content_current)**2)"), //
			set("gramNormalization", LossForms.GramNormalization.CHW, S002 +
				"166: gram /= (H*W*C)"), //
			set("styleReduction", LossForms.Reduction.SUM, S002 +
				"240: style_weights[i] * torch.sum((style_targets[i] - G_Mat)**2)"), //
			set("styleDivisor", LossForms.StyleDivisor.NONE, null), //
			set("tvForm", LossForms.TotalVariation.SUM_SQUARED, S002 +
				"288-291: (H_var + W_var) * tv_weight, sums of squared differences of img"), //
			set("optimizer", OptimizerKind.ADAM, CS231N_CODE +
				"torch.optim.Adam([img], lr=initial_lr)"), //
			set("learningRate", 3.0, CS231N_CODE + "initial_lr = 3.0"), //
			set("learningRateDecayAt", 180, CS231N_CODE +
				"decay_lr_at = 180: optimizer = torch.optim.Adam([img], lr=decayed_lr), a fresh Adam"), //
			set("learningRateLater", 0.1, CS231N_CODE + "decayed_lr = 0.1"), //
			set("iterations", 200, CS231N_CODE + "for t in range(200)"), //
			set("snapshotEvery", 100, CS231N_CODE +
				"the image is shown when t % 100 == 0"), //
			set("maxSize", 192, CS231N_CODE +
				"image_size=192 (T.Resize: the short side there, the long side here)"), //
			set("init", Init.CONTENT, CS231N_CODE +
				"init_random=False: img = content_img.clone()"), //
			set("variable", Variable.NETWORK_INPUT, CS231N_CODE +
				"img, the preprocessed tensor, is optimized"), //
			set("preprocessing", Preprocessing.TORCHVISION, CS231N_CODE +
				"preprocess: T.Normalize(mean=SQUEEZENET_MEAN, std=SQUEEZENET_STD)"), //
			set("clamping", Clamping.RANGE, CS231N_CODE +
				"if t < 190: img.data.clamp_(-1.5, 1.5)"), //
			set("clampLow", -1.5, CS231N_CODE + "clamp_(-1.5, 1.5)"), //
			set("clampHigh", 1.5, CS231N_CODE + "clamp_(-1.5, 1.5)"), //
			set("clampIterations", 190, CS231N_CODE + "if t < 190"), //
			set("postprocessing", StyleTransferSettings.Postprocessing.MIN_MAX,
				CS231N_CODE +
					"deprocess: de-normalized, then rescale: (x - x.min()) / (x.max() - x.min())"), //
			set("pooling", Pooling.MAX,
				"torchvision's SqueezeNet: MaxPool2d(3, 2, ceil_mode=True)"), //
			set("keepBest", false, CS231N_CODE +
				"shows img as the last iteration left it"));
	}

	private static final String S003 = "seed 003 line ";
	private static final String EXAMPLES = "pytorch/examples fast_neural_style: ";

	/**
	 * Johnson et al.'s fast-model training defaults (seed 003), which are the
	 * engine's: only their sources are noted.
	 */
	private static Preset johnson() {
		Map<String, String> sources = new LinkedHashMap<>();
		for (Setting setting : List.of( //
			same("network", EXAMPLES + "vgg16 loss network"), //
			same("imageSize", S003 + "85: 3 × 256 × 256 training images"), //
			same("batchSize", EXAMPLES + "batch-size 4"), //
			same("epochs", EXAMPLES + "epochs 2"), //
			same("contentWeight", EXAMPLES + "content-weight 1e5"), //
			same("styleWeight", EXAMPLES + "style-weight 1e10"), //
			same("learningRate", EXAMPLES + "lr 1e-3")))
			sources.put(setting.field(), setting.source());
		return new Preset(JOHNSON,
			"Johnson et al., fast feed-forward models (pytorch/examples)", "003",
			ModelRegistry.VGG16_ID, Preset.Kind.TRAIN, FastTrainingSettings::new,
			Collections.unmodifiableMap(sources));
	}
}
