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

package org.neuralstyle.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralstyle.weights.Checksum;
import org.neuralstyle.weights.DownloadProgress;
import org.neuralstyle.weights.KnownModel;
import org.neuralstyle.weights.ModelKind;
import org.neuralstyle.weights.ModelRegistry;
import org.neuralstyle.weights.PretrainedWeights;
import org.neuralstyle.checkpoint.StateDict;
import org.neuralstyle.weights.WeightsCache;
import org.neuralstyle.imagej.models.NetworkWeights;

/**
 * Where the command's weights come from, with a local server standing in for
 * download.pytorch.org.
 */
class NetworkWeightsTest {

	private static final Path TINY = Path.of(
		"src/test/resources/fixtures/parity/tiny_vgg.pth");

	@TempDir
	Path dir;

	private HttpServer server;
	private byte[] served;
	private final AtomicInteger requests = new AtomicInteger();
	private KnownModel model;
	private WeightsCache cache;

	@BeforeEach
	void serveTheTinyNetwork() throws Exception {
		byte[] original = Files.readAllBytes(TINY);
		served = original;
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/models/tiny_vgg.pth", exchange -> {
			requests.incrementAndGet();
			exchange.sendResponseHeaders(200, served.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(served);
			}
		});
		server.start();
		String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
			.digest(original));
		model = new KnownModel("tinyvgg", "tiny test VGG", ModelKind.VGG_FEATURES,
			URI.create("http://127.0.0.1:" + server.getAddress().getPort() +
				"/models/tiny_vgg.pth"), "tiny_vgg.pth", original.length, Checksum
					.sha256(sha));
		cache = new WeightsCache(dir.resolve("cache"));
	}

	@AfterEach
	void stopServer() {
		server.stop(0);
	}

	private NetworkWeights weights(PretrainedWeights.Consent consent,
		DownloadProgress progress)
	{
		return new NetworkWeights("Stylize (optimize)", new PretrainedWeights(
			new ModelRegistry(List.of(model)), cache, consent, progress));
	}

	private static final PretrainedWeights.Consent NOT_TO_BE_ASKED = (m,
		folder) -> {
		fail("nobody should be asked");
		return false;
	};

	private long filesInCache() throws IOException {
		if (!Files.isDirectory(cache.directory())) return 0;
		try (var files = Files.list(cache.directory())) {
			return files.count();
		}
	}

	@Test
	void aChosenFileIsOpenedAsItIs() throws Exception {
		try (StateDict sd = weights(NOT_TO_BE_ASKED, DownloadProgress.NONE).open(
			"tinyvgg", TINY.toFile()))
		{
			assertTrue(sd.names().contains("features.0.weight"), sd.names()
				.toString());
		}
		assertEquals(0, requests.get());
	}

	@Test
	void aCachedModelOpensWithoutAskingOrDownloading() throws Exception {
		cache.importFile(TINY, model);
		try (StateDict sd = weights(NOT_TO_BE_ASKED, DownloadProgress.NONE).open(
			"TinyVGG", null))
		{
			assertTrue(sd.names().contains("features.0.weight"));
		}
		assertEquals(0, requests.get());
	}

	@Test
	void withAgreementTheModelIsDownloadedVerifiedCachedAndOpened()
		throws Exception
	{
		AtomicLong lastDone = new AtomicLong(-1), lastTotal = new AtomicLong(-1);
		AtomicInteger asked = new AtomicInteger();
		PretrainedWeights.Consent yes = (m, folder) -> {
			asked.incrementAndGet();
			assertEquals(model, m);
			assertEquals(cache.directory(), folder);
			return true;
		};
		try (StateDict sd = weights(yes, (done, total) -> {
			lastDone.set(done);
			lastTotal.set(total);
		}).open("tinyvgg", null)) {
			assertTrue(sd.names().contains("features.0.weight"));
		}
		assertEquals(1, asked.get());
		assertEquals(1, requests.get());
		assertEquals(served.length, lastDone.get());
		assertEquals(served.length, lastTotal.get());
		assertTrue(cache.find(model).isPresent());
		// The next run finds it in the cache.
		weights(NOT_TO_BE_ASKED, DownloadProgress.NONE).open("tinyvgg", null)
			.close();
		assertEquals(1, requests.get());
	}

	@Test
	void declinedDownloadsFetchNothing() throws Exception {
		assertThrows(CancellationException.class, () -> weights((m,
			folder) -> false, DownloadProgress.NONE).open("tinyvgg", null));
		assertEquals(0, requests.get());
		assertEquals(0, filesInCache());
	}

	@Test
	void withNobodyToAskAMissingModelIsOneErrorThatSaysWhatToDo()
		throws Exception
	{
		IOException e = assertThrows(IOException.class, () -> weights(null,
			DownloadProgress.NONE).open("tinyvgg", null));
		assertEquals(
			"The tinyvgg network weights (tiny test VGG, tiny_vgg.pth, 0 MB) are not on this computer (looked in " +
				cache.directory() +
				"). Run Plugins > Style Transfer > Stylize (optimize) once from the menu to download them, " +
				"or download " + model.url() +
				" yourself and give it as weights=[/path/to/tiny_vgg.pth] (or copy it into " +
				cache.directory() + ").", e.getMessage());
		assertEquals(0, requests.get());
	}

	@Test
	void aDamagedDownloadIsNeitherUsedNorKept() throws Exception {
		served = served.clone();
		served[served.length / 2] ^= 0x55;
		IOException e = assertThrows(IOException.class, () -> weights((m,
			folder) -> true, DownloadProgress.NONE).open("tinyvgg", null));
		assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
		assertFalse(cache.find(model).isPresent());
		assertEquals(0, filesInCache());
	}

	@Test
	void anUnreachableServerGivesFijiAdviceNotTheCommandLines() throws Exception {
		int closedPort;
		try (ServerSocket probe = new ServerSocket(0)) {
			closedPort = probe.getLocalPort();
		}
		model = new KnownModel("tinyvgg", "tiny test VGG", ModelKind.VGG_FEATURES,
			URI.create("http://127.0.0.1:" + closedPort + "/tiny_vgg.pth"),
			"tiny_vgg.pth", served.length, model.checksum());
		IOException e = assertThrows(IOException.class, () -> weights((m,
			folder) -> true, DownloadProgress.NONE).open("tinyvgg", null));
		assertTrue(e.getMessage().startsWith(
			"Cannot download tiny test VGG (tiny_vgg.pth) from " + model.url()), e
				.getMessage());
		assertTrue(e.getMessage().endsWith(
			"Download tiny_vgg.pth on a computer with internet access, then give it as weights=[/path/to/tiny_vgg.pth] (or copy it into " +
				cache.directory() + ")."), e.getMessage());
		assertFalse(e.getMessage().contains("--weights"), e.getMessage());
		assertEquals(0, filesInCache());
	}
}
