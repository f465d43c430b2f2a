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
 * Stylize (fast model), the method of Johnson et al.: the transformation
 * network, its weights and layout, stylizing in one piece or in tiles that give
 * the same output (InstanceNorm statistics of the whole image, layer by layer),
 * and the library of model files. Imports {@code
 * checkpoint}, {@code weights}, {@code image}, {@code tensor} and {@code net}
 * (for the memory free); training lives in {@code fast.train}.
 */

package org.neuralstyle.fast;
