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
 * Checkpoint files as state dicts: PyTorch's legacy and zip {@code .pth}
 * (through a restricted unpickler that can run no code), safetensors (read and
 * write), Keras' HDF5 weights (read as a torchvision state dict), format
 * detection by content. A new checkpoint format goes here. Imports only the
 * JDK, Pyrolite, Gson, jHDF and {@code io}.
 */

package org.neuralstyle.checkpoint;
