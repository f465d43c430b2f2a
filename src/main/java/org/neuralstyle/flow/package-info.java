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
 * Motion between the planes of a stack or time-lapse: dense optical flow
 * (BoofCV's pyramidal Horn-Schunck), warping a plane onto its successor, the
 * disocclusion mask from forward-backward consistency (Ruder et al. 2016), the
 * flicker metric, and the flow-warped blend that steadies a fast model's
 * frames. Imports only the JDK, BoofCV and {@code image}.
 */

package org.neuralstyle.flow;
