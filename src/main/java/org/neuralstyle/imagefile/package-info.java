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
 * Image files opened through ImageJ 1.x with the checks a hostile file needs
 * before it is decoded: its declared size against the memory there is, and
 * formats ImageJ cannot decode. Used by {@code cli} and {@code imagej} alike,
 * so both refuse the same files with the same message, and both turn RGB pixels
 * into the engine's planes and back the same way ({@link RgbPixels}). Imports
 * only the JDK, ImageJ 1.x ({@code ij.*}) and the engine's {@code image}; no
 * engine package may import it.
 */

package org.neuralstyle.imagefile;
