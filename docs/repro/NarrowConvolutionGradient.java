import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;

/**
 * libtorch 2.7.1 (DJL 0.36, CPU) on some AVX-512 CPUs: the gradient with respect to a
 * convolution's input is wrong when the output channels are not a multiple of 16. Compares it in
 * float32 with the same computation in float64, for 1 to 32 output channels. Run as
 * ScalarUseAfterFree.java says.
 */
public class NarrowConvolutionGradient {
	public static void main(String[] args) {
		for (int outChannels : new int[] {1, 3, 8, 15, 16, 32}) {
			double[] single = inputGradient(DataType.FLOAT32, outChannels), exact = inputGradient(DataType.FLOAT64, outChannels);
			double error = 0, norm = 0;
			for (int i = 0; i < exact.length; i++) {
				error += (single[i] - exact[i]) * (single[i] - exact[i]);
				norm += exact[i] * exact[i];
			}
			System.out.printf("3x3 convolution, 32 -> %2d channels: relative error of the float32 input gradient %.2g%n",
				outChannels, Math.sqrt(error / norm));
		}
	}

	static double[] inputGradient(DataType type, int outChannels) {
		try (NDManager manager = NDManager.newBaseManager()) {
			manager.getEngine().setRandomSeed(1);
			NDArray x = manager.randomNormal(new Shape(2, 32, 24, 24)).toType(type, false);
			NDArray w = manager.randomNormal(new Shape(outChannels, 32, 3, 3)).toType(type, false);
			NDArray r = manager.randomNormal(new Shape(2, outChannels, 22, 22)).toType(type, false);
			x.setRequiresGradient(true);
			try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
				NDArray y = Conv2d.conv2d(x, w, null, new Shape(1, 1), new Shape(0, 0), new Shape(1, 1), 1).singletonOrThrow();
				collector.backward(y.mul(r).sum());
			}
			return x.getGradient().toType(DataType.FLOAT64, false).toDoubleArray();
		}
	}
}
