/**
 * Pretrained weights: the registry of known models with their URLs and checksums, the cache
 * folder, verified download, and the check of a file against the registry. Imports
 * {@code checkpoint} and {@code io}; says nothing of command-line options or Fiji menus.
 */
package org.neuralstyle.weights;
