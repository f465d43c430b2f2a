/**
 * The Fiji and ImageJ commands (Stylize (optimize), Stylize (fast model), Train fast model) and
 * the base that writes their error and cancel policy once. A new Fiji key is a parameter of a
 * command here. Thin: parameters, conversion and display; the work is in the engine packages.
 *
 * <p>The commands are SciJava {@code @Plugin(type = Command.class)} classes. Fiji finds them on its
 * class path (the jar goes into {@code jars/}) and puts them in its menus itself. Plain ImageJ 1.x
 * knows no SciJava: it reads {@code plugins.config} from jars in {@code plugins/} (names with an
 * underscore), whose entries run each command through
 * {@link org.neuralstyle.imagej.ij1.SciJavaCommandPlugIn}. ImageJ 1.x, Fiji's patched one included,
 * never reads {@code plugins.config} from {@code jars/}, so Fiji shows each command once. Both use
 * the parameter names as macro keys, so one macro runs in both.
 *
 * <p>This package and its subpackages, with {@code cli}, are the only ones that use ImageJ 1.x
 * ({@code ij.*}); only these use SciJava ({@code org.scijava.*}).
 */
package org.neuralstyle.imagej;
