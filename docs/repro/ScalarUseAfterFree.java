import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * DJL 0.36 (PyTorch engine, CPU): NDArray.mul(Number) hands autograd a tensor over a Java direct
 * buffer and closes it; once the garbage collector frees that buffer, backward reads freed memory.
 * d(sum(3x))/dx must be 3 everywhere. Run from the project folder:
 *   mvn -q dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 *   java -cp "$(cat /tmp/cp.txt)" -Dai.djl.offline=true docs/repro/ScalarUseAfterFree.java
 */
public class ScalarUseAfterFree {
	public static void main(String[] args) throws Exception {
		int wrong = 0;
		for (int trial = 0; trial < 100; trial++) {
			try (NDManager manager = NDManager.newBaseManager()) {
				NDArray x = manager.create(new float[] {1, 2, 3});
				x.setRequiresGradient(true);
				try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
					NDArray y = x.mul(3f).sum(); // the 3 is a tensor over a direct buffer, closed at once
					System.gc(); // the buffer is unreachable: its memory goes back to malloc
					Thread.sleep(5);
					List<ByteBuffer> reuse = new ArrayList<>(); // and is handed out again
					for (int i = 0; i < 1000; i++)
						reuse.add(ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder()).putFloat(0, 1e30f));
					collector.backward(y);
				}
				float g = x.getGradient().toFloatArray()[0];
				if (g != 3f) {
					wrong++;
					if (wrong <= 3) System.out.println("trial " + trial + ": gradient " + g + ", expected 3.0");
				}
			}
		}
		System.out.println(wrong + " of 100 gradients wrong");
	}
}
