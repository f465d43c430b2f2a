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

import org.neuralstyle.io.AtomicFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;

/**
 * Downloads known model files into a {@link WeightsCache}. The data goes to a
 * temporary file in the cache folder and is moved into place only after its
 * size and SHA-256 check out, so an interrupted or corrupted download never
 * leaves a file that looks usable. With no network, it fails within seconds
 * (connect timeout) with a {@link WeightsUnavailableException} that names the
 * model, its URL and the cache folder; the system property
 * {@value #OFFLINE_PROPERTY}{@code =true} makes it fail that way without
 * trying.
 */
public final class Downloader {

	public static final String OFFLINE_PROPERTY = "neuralstyle.offline";
	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
	/**
	 * Until the response headers arrive; the body of a 548 MB file may take much
	 * longer.
	 */
	private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);

	private final WeightsCache cache;
	private final HttpClient client;

	public Downloader(WeightsCache cache) {
		this(cache, CONNECT_TIMEOUT);
	}

	Downloader(WeightsCache cache, Duration connectTimeout) {
		this.cache = cache;
		// Dropbox and download.pytorch.org answer with redirects.
		this.client = HttpClient.newBuilder().connectTimeout(connectTimeout)
			.followRedirects(HttpClient.Redirect.NORMAL).build();
	}

	/**
	 * The model's cached file, downloading it first if it is not in the cache.
	 */
	public Path obtain(KnownModel model, DownloadProgress progress)
		throws IOException
	{
		Path cached = cache.find(model).orElse(null);
		return cached != null ? cached : download(model, progress);
	}

	/**
	 * Downloads the model into the cache, replacing any earlier file only once
	 * the new one is verified. Interrupting the thread cancels it. Returns the
	 * cached file.
	 */
	public Path download(KnownModel model, DownloadProgress progress)
		throws IOException
	{
		if (Boolean.getBoolean(OFFLINE_PROPERTY)) throw WeightsUnavailableException
			.downloadFailed(model, cache.directory(), "offline mode is on (" +
				OFFLINE_PROPERTY + "=true)", null);
		HttpRequest request = HttpRequest.newBuilder(model.url()).timeout(
			RESPONSE_TIMEOUT).header("User-Agent", "neural-style-fiji").GET().build();
		HttpResponse<InputStream> response;
		try {
			response = client.send(request, HttpResponse.BodyHandlers
				.ofInputStream());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("Download of " + model.fileName() +
				" cancelled.");
		}
		catch (HttpConnectTimeoutException e) {
			throw WeightsUnavailableException.downloadFailed(model, cache.directory(),
				"no connection within " + CONNECT_TIMEOUT.toSeconds() + " s", e);
		}
		catch (IOException e) {
			throw WeightsUnavailableException.downloadFailed(model, cache.directory(),
				"the host cannot be reached (" + reason(e) + ")", e);
		}
		try (InputStream body = response.body()) {
			if (response.statusCode() != 200) throw WeightsUnavailableException
				.downloadFailed(model, cache.directory(), "the server answered HTTP " +
					response.statusCode(), null);
			long total = response.headers().firstValueAsLong("Content-Length").orElse(
				model.size());
			AtomicFiles.write(cache.pathFor(model), temporary -> save(model, body,
				temporary, total, progress));
		}
		return cache.pathFor(model);
	}

	private void save(KnownModel model, InputStream body, Path temporary,
		long total, DownloadProgress progress) throws IOException
	{
		MessageDigest digest = Sha256.newDigest();
		byte[] buffer = new byte[1 << 16];
		long done = 0;
		progress.update(0, total);
		try (OutputStream out = Files.newOutputStream(temporary)) {
			while (true) {
				if (Thread.interrupted()) throw new InterruptedIOException(
					"Download of " + model.fileName() + " cancelled.");
				int n;
				try {
					n = body.read(buffer);
				}
				catch (IOException e) {
					throw WeightsUnavailableException.downloadFailed(model, cache
						.directory(), "the download broke off after " + done + " bytes (" +
							reason(e) + ")", e);
				}
				if (n < 0) break;
				out.write(buffer, 0, n);
				digest.update(buffer, 0, n);
				done += n;
				progress.update(done, total);
			}
		}
		WeightsCache.checkContent(model, done, Sha256.hex(digest),
			"The file downloaded from " + model.url(), " Nothing was saved in " +
				cache.directory() + ". Try again, or download the file yourself.");
	}

	/**
	 * The most specific message in a chain: the HTTP client often throws without
	 * one.
	 */
	private static String reason(Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause())
			if (t.getMessage() != null && !t.getMessage().isBlank()) return t
				.getMessage();
		return e.getClass().getSimpleName();
	}
}
