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

package org.neuralstyle.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;
import org.neuralstyle.checkpoint.CheckpointException;
import org.neuralstyle.checkpoint.Checkpoints;
import org.neuralstyle.checkpoint.Fixtures;
import org.neuralstyle.checkpoint.StateDict;

/** Downloads from a local HTTP server; the real internet is never contacted. */
class DownloaderTest {

	@TempDir
	Path tmp;

	private HttpServer server;
	private final AtomicInteger requests = new AtomicInteger();
	private byte[] content;
	private WeightsCache cache;

	@BeforeEach
	void serveFixture() throws IOException {
		content = Files.readAllBytes(Fixtures.file("tiny_vgg_legacy.pth"));
		server = HttpServer.create(new InetSocketAddress(InetAddress
			.getLoopbackAddress(), 0), 0);
		server.createContext("/models/tiny.pth", exchange -> {
			requests.incrementAndGet();
			exchange.sendResponseHeaders(200, content.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(content);
			}
		});
		server.start();
		cache = new WeightsCache(tmp.resolve("cache"));
	}

	@AfterEach
	void stopServer() {
		server.stop(0);
	}

	private KnownModel served(String path, Checksum checksum, long size) {
		URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() +
			path);
		return new KnownModel("tiny", "tiny VGG", ModelKind.VGG_FEATURES, url,
			"tiny-vgg.pth", size, checksum);
	}

	@Test
	void downloadsVerifiesAndReportsProgress() throws IOException {
		KnownModel model = served("/models/tiny.pth", Checksum.sha256(Sha256.of(
			Fixtures.file("tiny_vgg_legacy.pth"))), content.length);
		List<long[]> progress = new ArrayList<>();
		Path file = new Downloader(cache).download(model, (done, total) -> progress
			.add(new long[] { done, total }));

		assertEquals(cache.pathFor(model), file);
		assertArrayEquals(content, Files.readAllBytes(file));
		assertEquals(List.of(file), WeightsCacheTest.list(cache.directory()));
		assertArrayEquals(new long[] { 0, content.length }, progress.get(0));
		assertArrayEquals(new long[] { content.length, content.length }, progress
			.get(progress.size() - 1));
		for (int i = 1; i < progress.size(); i++)
			assertTrue(progress.get(i)[0] >= progress.get(i - 1)[0]);
		try (StateDict sd = Checkpoints.open(file)) {
			assertTrue(sd.contains("features.0.weight"));
		}

		// Once cached, obtaining it does not download again.
		assertEquals(file, new Downloader(cache).obtain(model,
			DownloadProgress.NONE));
		assertEquals(1, requests.get());
	}

	@Test
	void prefixChecksumAndNoChecksumDownloadsSucceed() throws IOException {
		String sha = Sha256.of(Fixtures.file("tiny_vgg_legacy.pth"));
		Downloader downloader = new Downloader(cache);
		assertArrayEquals(content, Files.readAllBytes(downloader.download(served(
			"/models/tiny.pth", Checksum.sha256Prefix(sha.substring(0, 8)), -1),
			DownloadProgress.NONE)));
		assertArrayEquals(content, Files.readAllBytes(downloader.download(served(
			"/models/tiny.pth", Checksum.none(), -1), DownloadProgress.NONE)));
	}

	@Test
	void wrongChecksumLeavesNothingInTheCache() throws IOException {
		Files.createDirectories(cache.directory());
		Path unrelated = Files.writeString(cache.directory().resolve("other.pth"),
			"kept");
		KnownModel model = served("/models/tiny.pth", Checksum.sha256("0".repeat(
			64)), content.length);
		CheckpointException e = assertThrows(CheckpointException.class,
			() -> new Downloader(cache).download(model, DownloadProgress.NONE));
		assertTrue(e.getMessage().contains(model.url().toString()), e.getMessage());
		assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
		assertTrue(e.getMessage().contains("Nothing was saved"), e.getMessage());
		assertEquals(List.of(unrelated), WeightsCacheTest.list(cache.directory()));
		assertEquals(Optional.empty(), cache.find(model));
	}

	@Test
	void serverErrorIsUnavailable() {
		KnownModel model = served("/models/missing.pth", Checksum.none(), -1);
		WeightsUnavailableException e = assertThrows(
			WeightsUnavailableException.class, () -> new Downloader(cache).download(
				model, DownloadProgress.NONE));
		assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
	}

	@Test
	void unreachableHostFailsWithinSecondsSayingHowToSupplyTheFile()
		throws IOException
	{
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress
			.getLoopbackAddress()))
		{
			closedPort = socket.getLocalPort();
		}
		KnownModel model = new KnownModel("tiny", "tiny VGG",
			ModelKind.VGG_FEATURES, URI.create("http://127.0.0.1:" + closedPort +
				"/models/tiny.pth"), "tiny-vgg.pth", 10, Checksum.none());
		long start = System.nanoTime();
		WeightsUnavailableException e = assertThrows(
			WeightsUnavailableException.class, () -> new Downloader(cache, Duration
				.ofSeconds(3)).download(model, DownloadProgress.NONE));
		assertTrue(System.nanoTime() - start < 5e9, "took too long");
		assertMessageNamesTheModelAndCarriesTheRemedies(e, model);
		assertTrue(Files.notExists(cache.directory()) || WeightsCacheTest.list(cache
			.directory()).isEmpty());
	}

	@Test
	void offlinePropertyFailsWithoutTrying() {
		KnownModel model = served("/models/tiny.pth", Checksum.none(), -1);
		System.setProperty(Downloader.OFFLINE_PROPERTY, "true");
		try {
			WeightsUnavailableException e = assertThrows(
				WeightsUnavailableException.class, () -> new Downloader(cache).download(
					model, DownloadProgress.NONE));
			assertMessageNamesTheModelAndCarriesTheRemedies(e, model);
			assertTrue(e.getMessage().contains("offline"), e.getMessage());
			assertEquals(0, requests.get());
		}
		finally {
			System.clearProperty(Downloader.OFFLINE_PROPERTY);
		}
	}

	private void assertMessageNamesTheModelAndCarriesTheRemedies(
		WeightsUnavailableException e, KnownModel model)
	{
		String message = e.getMessage();
		assertTrue(message.contains(model.url().toString()), message);
		assertTrue(message.contains(model.fileName()), message);
		// What to do is each front end's to say (the command line's --weights means
		// nothing in Fiji): the exception carries what they need.
		assertFalse(message.contains("--weights") || message.contains(
			"weights import"), message);
		assertEquals(model, e.model());
		assertEquals(cache.directory(), e.cacheFolder());
		assertEquals(WeightsUnavailableException.Reason.DOWNLOAD_FAILED, e
			.reason());
	}
}
