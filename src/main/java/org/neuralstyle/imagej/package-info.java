/**
 * The ImageJ side of style transfer: the only package that uses ImageJ 1.x ({@code ij.*}) and
 * SciJava ({@code org.scijava.*}); the engine below it sees {@link org.neuralstyle.image.RgbImage}s.
 *
 * <h2>Images</h2>
 * {@link org.neuralstyle.imagej.StackStylizing} runs a {@link org.neuralstyle.imagej.PlaneStylizer}
 * over the plane on display or every plane ({@link org.neuralstyle.imagej.Scope}), inside the
 * selection only, into a new image; the input is never changed. A plane is stylized as the user
 * sees it: RGB as is, 8/16/32-bit through LUT and display range (and back into the input's type by
 * the nearest displayed colour: the luminance for gray LUTs), multi-channel composites merged as
 * displayed (the result is RGB, one channel, the input's Z and T).
 *
 * <h2>Stylize (optimize)</h2>
 * {@link org.neuralstyle.imagej.StylizeOptimizeCommand} runs the optimization engine plane by plane
 * through {@code StackStylizing}. While it runs, {@code OptimizationProgress} writes plane,
 * iteration and time left to the status bar and stops the run on Escape or thread interruption;
 * {@code ProgressStack} is the window that gains a snapshot slice every N iterations (kept without
 * a window when headless or in batch mode). {@code NetworkWeights} finds the VGG weights (the
 * given file, the cache, or a download only a person agreed to in {@code DownloadOffer}); an
 * optional output file ({@code ResultFile}) and image parameters given as file paths
 * ({@code ImageFileConverter}) make headless {@code --run} calls useful.
 *
 * <h2>Menus in ImageJ 1.x and in Fiji</h2>
 * The commands are SciJava {@code @Plugin(type = Command.class)} classes. Fiji finds them on its
 * class path (the jar goes into {@code jars/}) and puts them in its menus itself. Plain ImageJ 1.x
 * knows no SciJava: it reads {@code plugins.config} from jars in {@code plugins/} (names with an
 * underscore), whose entries run each command through
 * {@link org.neuralstyle.imagej.SciJavaCommandPlugIn}. ImageJ 1.x, Fiji's patched one included,
 * never reads {@code plugins.config} from {@code jars/}, so Fiji shows each command once. Both
 * use the parameter names as macro keys, so one macro runs in both. {@code target/Neural_Style.jar}
 * (built by {@code mvn package}) is the single-file install for ImageJ 1.x's {@code plugins/}.
 */
package org.neuralstyle.imagej;
