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
/**
 * The Fiji and ImageJ commands (Stylize (optimize), Stylize (fast model), Train
 * fast model) and the base that writes their error and cancel policy once. A
 * new Fiji key is a parameter of a command here. Thin: parameters, conversion
 * and display; the work is in the engine packages.
 * <p>
 * The commands are SciJava {@code @Plugin(type = Command.class)} classes. Fiji
 * finds them on its class path (the jar goes into {@code jars/}) and puts them
 * in its menus itself. Plain ImageJ 1.x knows no SciJava: it reads
 * {@code plugins.config} from jars in {@code plugins/} (names with an
 * underscore), whose entries run each command through
 * {@link org.neuralstyle.imagej.ij1.SciJavaCommandPlugIn}. ImageJ 1.x, Fiji's
 * patched one included, never reads {@code plugins.config} from {@code jars/},
 * so Fiji shows each command once. Both use the parameter names as macro keys,
 * so one macro runs in both.
 * <p>
 * This package and its subpackages, with {@code cli}, are the only ones that
 * use ImageJ 1.x ({@code ij.*}); only these use SciJava
 * ({@code org.scijava.*}).
 */

package org.neuralstyle.imagej;
