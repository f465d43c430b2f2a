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
 * Feature networks: VGG and SqueezeNet built from a state dict's shapes (so
 * tests can use tiny ones), computing only up to the deepest layer asked for,
 * and which of them a file holds; devices and pooling; the engine report
 * (versions, native library, devices and why no GPU, memory, cached weights). A
 * new loss network goes here. Imports {@code checkpoint}, {@code tensor} and
 * {@code weights}.
 */

package org.neuralstyle.net;
