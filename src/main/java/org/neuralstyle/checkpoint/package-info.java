/**
 * Checkpoint files as state dicts: PyTorch's legacy and zip {@code .pth} (through a restricted
 * unpickler that can run no code), safetensors (read and write), format detection by content.
 * A new checkpoint format goes here. Imports only the JDK, Pyrolite, Gson and {@code io}.
 */
package org.neuralstyle.checkpoint;
