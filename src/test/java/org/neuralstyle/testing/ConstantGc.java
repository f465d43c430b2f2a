package org.neuralstyle.testing;

/**
 * A thread that asks for a full garbage collection every millisecond while it runs: it frees any
 * Java memory that nothing reachable holds, at the worst moment, which is how a busy Fiji heap
 * behaves now and then. Results computed under it must not differ from results computed without.
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
