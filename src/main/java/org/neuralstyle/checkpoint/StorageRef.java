package org.neuralstyle.checkpoint;

/**
 * A pickle's persistent reference to a tensor storage: the key under which its bytes are stored,
 * its element type and size, and (legacy files of PyTorch before 0.4 only) the element offset of
 * a storage that is a view into the keyed one.
 */
record StorageRef(String key, DType dtype, long numel, long viewOffset) {
}
