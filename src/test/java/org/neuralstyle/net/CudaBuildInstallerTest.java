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

package org.neuralstyle.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;
import org.neuralstyle.weights.Downloader;

/**
 * Installs a fake CUDA build from a local HTTP server laid out as
 * publish.djl.ai is (files.txt, one .gz per library); the real site is never
 * contacted.
 */
class CudaBuildInstallerTest {

	private static final String LIB =
		"/pytorch/2.7.1/cu128/linux-x86_64/native/lib/";

	@TempDir
	Path tmp;

	private HttpServer server;
	private final List<String> requests = new CopyOnWriteArrayList<>();
	/** What the server has, by raw path. */
	private final Map<String, byte[]> served = new LinkedHashMap<>();
	/** The libraries, unpacked, as they should be installed. */
	private final Map<String, byte[]> libraries = new LinkedHashMap<>();
	private Path cache;

	@BeforeEach
	void serve() throws IOException {
		library("libc10.so", 3000);
		// Large enough for many progress calls, so that a cancel lands mid-file.
		library("libtorch_cuda.so", 3 << 20);
		library("libtorch.so", 5000);
		// files.txt lists names URL-encoded, as DJL's build writes it.
		library("libstdc++.so.6", 100);
		listing(String.join("\n", "cpu/linux-x86_64/native/lib/libtorch.so.gz",
			"cu128/linux-x86_64/native/lib/libc10.so.gz",
			"cu128/linux-x86_64/native/lib/libtorch_cuda.so.gz",
			"cu128/linux-x86_64/native/lib/libtorch.so.gz",
			"cu128/linux-x86_64/native/lib/libstdc%2B%2B.so.6.gz",
			"cu128/win-x86_64/native/lib/torch.dll.gz", ""));
		server = HttpServer.create(new InetSocketAddress(InetAddress
			.getLoopbackAddress(), 0), 0);
		server.createContext("/pytorch/", exchange -> {
			String path = exchange.getRequestURI().getRawPath();
			requests.add(path);
			byte[] body = served.get(path);
			if (body == null) {
				exchange.sendResponseHeaders(404, -1);
				exchange.close();
				return;
			}
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
			catch (IOException e) {
				// the client went away (cancel)
			}
		});
		server.start();
		cache = tmp.resolve("djl/pytorch");
	}

	@AfterEach
	void stop() {
		server.stop(0);
		System.clearProperty(Downloader.OFFLINE_PROPERTY);
		Thread.interrupted();
	}

	private void library(String name, int size) throws IOException {
		byte[] data = new byte[size];
		new Random(name.hashCode()).nextBytes(data);
		libraries.put(name, data);
		served.put(LIB + name.replace("+", "%2B") + ".gz", gzip(data));
	}

	private void listing(String text) {
		served.put("/pytorch/2.7.1/files.txt", text.getBytes(
			StandardCharsets.UTF_8));
	}

	private static byte[] gzip(byte[] data) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
			out.write(data);
		}
		return bytes.toByteArray();
	}

	private CudaBuild build() {
		return new CudaBuild("2.7.1", "linux-x86_64", cache);
	}

	private CudaBuildInstaller installer() {
		return installer("http://127.0.0.1:" + server.getAddress().getPort() +
			"/pytorch/");
	}

	private CudaBuildInstaller installer(String site) {
		return new CudaBuildInstaller(build(), URI.create(site), Duration.ofSeconds(
			5));
	}

	/** Everything in DJL's engine cache, hidden temporary folders included. */
	private List<String> cacheContent() throws IOException {
		if (!Files.exists(cache)) return List.of();
		try (Stream<Path> s = Files.walk(cache)) {
			return s.filter(p -> !p.equals(cache)).map(p -> cache.relativize(p)
				.toString()).sorted().toList();
		}
	}

	private CudaBuildException fails(CudaBuildException.Problem problem) {
		CudaBuildException e = assertThrows(CudaBuildException.class,
			() -> installer().install(InstallProgress.NONE));
		assertEquals(problem, e.problem(), e.getMessage());
		return e;
	}

	@Test
	void installsTheListedLibrariesUnpackedInDjlsFolderWithTheMarkerLast()
		throws IOException
	{
		List<String> progress = new ArrayList<>();
		long[] last = new long[2];
		Path folder = installer().install((file, files, name, done, total) -> {
			if (done == 0) progress.add(file + "/" + files + " " + name + " " +
				total);
			last[0] = done;
			last[1] = total;
		});

		assertEquals(cache.resolve("2.7.1-cu128-linux-x86_64").toAbsolutePath(),
			folder);
		for (Map.Entry<String, byte[]> lib : libraries.entrySet())
			assertArrayEquals(lib.getValue(), Files.readAllBytes(folder.resolve(lib
				.getKey())), lib.getKey());
		// Only this build's files, each once; nothing else left in the cache.
		assertEquals(List.of("2.7.1-cu128-linux-x86_64",
			"2.7.1-cu128-linux-x86_64/libc10.so",
			"2.7.1-cu128-linux-x86_64/libstdc++.so.6",
			"2.7.1-cu128-linux-x86_64/libtorch.so",
			"2.7.1-cu128-linux-x86_64/libtorch_cuda.so", "2.7.1-cu128-linux-x86_64/" +
				CudaBuild.MARKER), cacheContent());
		assertEquals(List.of("/pytorch/2.7.1/files.txt", LIB + "libc10.so.gz", LIB +
			"libtorch_cuda.so.gz", LIB + "libtorch.so.gz", LIB +
				"libstdc%2B%2B.so.6.gz"), requests);
		assertEquals(List.of("1/4 libc10.so " + served.get(LIB +
			"libc10.so.gz").length, "2/4 libtorch_cuda.so " + served.get(LIB +
				"libtorch_cuda.so.gz").length, "3/4 libtorch.so " + served.get(LIB +
					"libtorch.so.gz").length, "4/4 libstdc++.so.6 " + served.get(LIB +
						"libstdc%2B%2B.so.6.gz").length), progress);
		assertEquals(last[1], last[0]);

		CudaBuild.Status status = build().status();
		assertEquals(CudaBuild.State.INSTALLED, status.state(), status.problem());
		assertEquals(4, status.files());
		assertEquals(libraries.values().stream().mapToLong(b -> b.length).sum(),
			status.bytes());
		String marker = Files.readString(folder.resolve(CudaBuild.MARKER));
		assertTrue(marker.contains("file.libtorch_cuda.so=" + (3 << 20)), marker);
		assertTrue(marker.contains("source=http\\://127.0.0.1"), marker);
	}

	@Test
	void aDamagedFileFailsGzipsCheckAndKeepsNothing() throws IOException {
		byte[] gz = served.get(LIB + "libtorch.so.gz");
		// The last 8 bytes are the CRC-32 and the length of the unpacked data.
		gz[gz.length - 8] ^= 1;
		CudaBuildException e = fails(CudaBuildException.Problem.DOWNLOAD_FAILED);
		assertTrue(e.getMessage().contains(LIB +
			"libtorch.so.gz did not pass gzip's check of its CRC-32 and length (Corrupt GZIP trailer)") &&
			e.getMessage().endsWith(" Nothing was installed."), e.getMessage());
		assertEquals(List.of(), cacheContent());
	}

	@Test
	void aFileCutShortKeepsNothing() throws IOException {
		byte[] gz = served.get(LIB + "libtorch_cuda.so.gz");
		served.put(LIB + "libtorch_cuda.so.gz", Arrays.copyOf(gz, gz.length / 2));
		CudaBuildException e = fails(CudaBuildException.Problem.DOWNLOAD_FAILED);
		assertTrue(e.getMessage().contains(
			"libtorch_cuda.so.gz did not pass gzip's check of its CRC-32 and length (Unexpected end of ZLIB input stream)"),
			e.getMessage());
		assertEquals(List.of(), cacheContent());
	}

	@Test
	void aListedFileMissingOnTheServerKeepsNothing() throws IOException {
		served.remove(LIB + "libtorch.so.gz");
		CudaBuildException e = fails(CudaBuildException.Problem.DOWNLOAD_FAILED);
		assertTrue(e.getMessage().contains("files.txt lists libtorch.so, but " +
			"http://127.0.0.1:" + server.getAddress().getPort() + LIB +
			"libtorch.so.gz answered HTTP 404."), e.getMessage());
		assertEquals(List.of(), cacheContent());
	}

	@Test
	void aListWithoutTheCudaLibraryIsRefusedBeforeDownloading()
		throws IOException
	{
		listing("cu128/linux-x86_64/native/lib/libc10.so.gz\n" +
			"cu128/linux-x86_64/native/lib/libtorch.so.gz\n");
		CudaBuildException e = fails(CudaBuildException.Problem.DOWNLOAD_FAILED);
		assertTrue(e.getMessage().startsWith(
			"Cannot install PyTorch 2.7.1 for CUDA 12.8 (cu128, linux-x86_64): http://"),
			e.getMessage());
		assertTrue(e.getMessage().contains(
			"lists 2 files of PyTorch 2.7.1 for CUDA 12.8 (cu128, linux-x86_64), but not libtorch_cuda.so"),
			e.getMessage());
		assertEquals(List.of("/pytorch/2.7.1/files.txt"), requests);
		assertEquals(List.of(), cacheContent());
	}

	@Test
	void aListWithAPathInsteadOfANameIsRefused() throws IOException {
		listing(
			"cu128/linux-x86_64/native/lib/..%2F..%2F..%2Fevil.so.gz\ncu128/linux-x86_64/native/lib/libtorch.so.gz\n" +
				"cu128/linux-x86_64/native/lib/libtorch_cuda.so.gz\n");
		CudaBuildException e = fails(CudaBuildException.Problem.DOWNLOAD_FAILED);
		assertTrue(e.getMessage().contains("which is not a library in"), e
			.getMessage());
		assertEquals(List.of(), cacheContent());
		assertFalse(Files.exists(tmp.resolve("evil.so")));
	}

	@Test
	void aVersionTheSiteDoesNotHaveSaysHttp404() throws IOException {
		served.remove("/pytorch/2.7.1/files.txt");
		CudaBuildException e = fails(CudaBuildException.Problem.DOWNLOAD_FAILED);
		assertEquals(
			"Cannot install PyTorch 2.7.1 for CUDA 12.8 (cu128, linux-x86_64): " +
				"http://127.0.0.1:" + server.getAddress().getPort() +
				"/pytorch/2.7.1/files.txt answered HTTP 404 (DJL publishes no such version). Nothing was installed.",
			e.getMessage());
		assertEquals(List.of(), cacheContent());
	}

	@Test
	void aClosedPortSaysTheHostCannotBeReached() throws IOException {
		int port;
		try (ServerSocket s = new ServerSocket(0, 1, InetAddress
			.getLoopbackAddress()))
		{
			port = s.getLocalPort();
		}
		CudaBuildException e = assertThrows(CudaBuildException.class,
			() -> installer("http://127.0.0.1:" + port + "/pytorch/").install(
				InstallProgress.NONE));
		assertEquals(CudaBuildException.Problem.UNREACHABLE, e.problem());
		assertTrue(e.getMessage().startsWith(
			"Cannot download PyTorch 2.7.1 for CUDA 12.8 (cu128, linux-x86_64): 127.0.0.1 cannot be reached ("),
			e.getMessage());
		assertTrue(e.getMessage().endsWith(". Nothing was installed."), e
			.getMessage());
		assertEquals(List.of(), cacheContent());
	}

	@Test
	void offlineModeFailsWithoutAsking() throws IOException {
		System.setProperty(Downloader.OFFLINE_PROPERTY, "true");
		CudaBuildException e = fails(CudaBuildException.Problem.OFFLINE);
		assertTrue(e.getMessage().contains("offline mode is on"), e.getMessage());
		assertEquals(List.of(), requests);
		assertEquals(List.of(), cacheContent());
	}

	@Test
	void cancellingMidFileKeepsNothing() throws IOException {
		assertThrows(InterruptedIOException.class, () -> installer().install((file,
			files, name, done, total) -> {
			if (name.equals("libtorch_cuda.so") && done > 0) Thread.currentThread()
				.interrupt();
		}));
		assertFalse(Thread.currentThread().isInterrupted(),
			"the interrupt became the exception");
		// Not even the hidden temporary folder, nor the first file already done.
		assertEquals(List.of(), cacheContent());
	}

	@Test
	void replacesAnIncompleteFolderAndAbandonedTemporaryOnes()
		throws IOException
	{
		Path folder = cache.resolve("2.7.1-cu128-linux-x86_64");
		Files.createDirectories(folder);
		Files.writeString(folder.resolve("libtorch.so"), "from a copy cut short");
		assertEquals(CudaBuild.State.INCOMPLETE, build().status().state());
		// A process that no longer runs (pids stop far below this) left its
		// download.
		Path abandoned = Files.createDirectories(cache.resolve(
			".2.7.1-cu128-linux-x86_64.999999999-0000abcd.part"));
		Files.writeString(abandoned.resolve("libc10.so"), "half");

		installer().install(InstallProgress.NONE);

		assertArrayEquals(libraries.get("libtorch.so"), Files.readAllBytes(folder
			.resolve("libtorch.so")));
		assertEquals(CudaBuild.State.INSTALLED, build().status().state());
		assertTrue(cacheContent().stream().noneMatch(p -> p.startsWith(".")),
			cacheContent().toString());
	}

	@Test
	void aCacheThatCannotBeWrittenSaysWhereAndKeepsNothing() throws IOException {
		// A file where DJL's cache folder should be.
		Files.createDirectories(cache.getParent());
		Files.writeString(cache, "not a folder");
		IOException e = assertThrows(IOException.class, () -> installer().install(
			InstallProgress.NONE));
		assertEquals("Could not write " + cache.resolve("2.7.1-cu128-linux-x86_64")
			.toAbsolutePath() + ": a file is in the way (" + cache +
			"). Nothing was installed.", e.getMessage());
		assertEquals("not a folder", Files.readString(cache));
	}

	@Test
	void aFileLostAfterTheInstallMakesItIncomplete() throws IOException {
		Path folder = installer().install(InstallProgress.NONE);
		Files.delete(folder.resolve("libc10.so"));
		CudaBuild.Status status = build().status();
		assertEquals(CudaBuild.State.INCOMPLETE, status.state());
		assertEquals("missing or damaged: libc10.so", status.problem());
		Files.write(folder.resolve("libc10.so"), new byte[7]);
		assertEquals("missing or damaged: libc10.so (7 bytes instead of 3000)",
			build().status().problem());
	}
}
