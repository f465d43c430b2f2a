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

package org.neuralstyle.testing;

/**
 * A thread that asks for a full garbage collection every millisecond while it
 * runs: it frees any Java memory that nothing reachable holds, at the worst
 * moment, which is how a busy Fiji heap behaves now and then. Results computed
 * under it must not differ from results computed without.
 */
public final class ConstantGc implements AutoCloseable {

	private final Thread thread;
	private volatile boolean running = true;

	public ConstantGc() {
		thread = new Thread(() -> {
			while (running) {
				System.gc();
				try {
					Thread.sleep(1);
				}
				catch (InterruptedException e) {
					return;
				}
			}
		}, "constant-gc");
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public void close() throws InterruptedException {
		running = false;
		thread.join();
	}
}
