package org.neuralstyle.net;

/**
 * One named layer of a VGG feature stack, in the naming of the style-transfer literature:
 * {@code conv3_1} is the first convolution of block 3, {@code relu3_1} its rectifier,
 * {@code pool3} the pooling that ends the block. {@code index} is the position in torchvision's
 * {@code features} sequence; for a convolution its weights are {@code features.<index>.weight}.
 */
public record VggLayer(String name, Kind kind, int index, int inChannels, int outChannels) {

	public enum Kind {
		CONV, RELU, POOL
	}
}
