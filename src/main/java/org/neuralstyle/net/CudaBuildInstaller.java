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

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.neuralstyle.weights.Downloader;

/**
 * Downloads a {@link CudaBuild} from DJL's own site, as DJL itself would (file
 * list, then one gzipped file each), and installs it so that it is either
 * complete or absent.
 * <p>
 * Every file is unpacked into a temporary folder beside the installation while
 * it downloads; gzip's own check (the CRC-32 and length of the unpacked data,
 * in each file's trailer) must pass, the byte count must match the server's,
 * and the list must have a file for PyTorch and one for its CUDA part. Only
 * then is the {@value CudaBuild#MARKER} written, last, and the folder renamed
 * into place in one step. publish.djl.ai publishes no checksums, so this proves
 * the files arrived as the server sent them over HTTPS, not who made them.
 * Interrupting the thread cancels; a cancelled or failed install leaves
 * nothing, and a process killed outright leaves a temporary folder that the
 * next install removes.
 */
public final class CudaBuildInstaller {

	/** Where DJL publishes its PyTorch builds. */
	static final URI PUBLISHED = URI.create("https://publish.djl.ai/pytorch/");
	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
	/** Until the response headers arrive; a body of a gigabyte takes longer. */
	private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);
	/** A library's name, as files.txt may list it: no folders, no dot files. */
	private static final Pattern SAFE_NAME = Pattern.compile(
		"[A-Za-z0-9][A-Za-z0-9._+-]*");
	/** Left untouched this long, another process's temporary folder is dead. */
	private static final Duration ABANDONED = Duration.ofHours(24);

	private final CudaBuild build;
	private final URI site;
	private final HttpClient client;
	private final Duration connectTimeout;

	public CudaBuildInstaller(CudaBuild build) {
		this(build, PUBLISHED, CONNECT_TIMEOUT);
	}

	/** For tests: another site than publish.djl.ai, e.g. a local server. */
	CudaBuildInstaller(CudaBuild build, URI site, Duration connectTimeout) {
		this.build = build;
		this.site = site;
		this.connectTimeout = connectTimeout;
		this.client = HttpClient.newBuilder().connectTimeout(connectTimeout)
			.followRedirects(HttpClient.Redirect.NORMAL).build();
	}

	/** The file list: https://publish.djl.ai/pytorch/2.7.1/files.txt. */
	public URI index() {
		return site.resolve(build.version() + "/files.txt");
	}

	/**
	 * Downloads, checks and installs the build, replacing whatever was in its
	 * folder only once the new one is complete. It takes effect at the next
	 * start.
	 *
	 * @return the installed folder
	 * @throws CudaBuildException if it cannot be downloaded whole
	 * @throws InterruptedIOException if the thread was interrupted (cancelled)
	 * @throws IOException if the folder cannot be written
	 */
	public Path install(InstallProgress progress) throws IOException {
		if (Boolean.getBoolean(Downloader.OFFLINE_PROPERTY))
			throw new CudaBuildException(CudaBuildException.Problem.OFFLINE,
				"Cannot download " + build.describe() + ": offline mode is on (" +
					Downloader.OFFLINE_PROPERTY + "=true). Nothing was installed.", null);
		List<String> lines = listing();
		Path target = build.folder();
		Path temporary = sibling(target, "part");
		try {
			Files.createDirectories(target.getParent());
			removeAbandoned(target.getParent(), target.getFileName().toString());
			Files.createDirectory(temporary);
			Map<String, Long> files = new LinkedHashMap<>();
			for (int i = 0; i < lines.size(); i++) {
				String line = lines.get(i);
				String name = nameIn(line);
				files.put(name, download(site.resolve(build.version() + "/" + line),
					name, temporary.resolve(name), i + 1, lines.size(), progress));
			}
			try (OutputStream out = Files.newOutputStream(temporary.resolve(
				CudaBuild.MARKER)))
			{
				CudaBuild.marker(build, files, site.resolve(build.version() + "/")
					.toString()).store(out, "Written last by the install of " + build
						.describe() + "; without it the folder is not used.");
			}
			if (Thread.interrupted()) throw cancelled();
			publish(temporary, target);
			return target;
		}
		catch (FileSystemException e) {
			throw new IOException("Could not write " + target + ": " + why(e) +
				". Nothing was installed.", e);
		}
		finally {
			deleteTree(temporary);
		}
	}

	/**
	 * The lines of files.txt for this build, checked for the files without which
	 * it is no CUDA build.
	 */
	private List<String> listing() throws IOException {
		URI index = index();
		String text;
		HttpResponse<InputStream> response = send(index);
		try (InputStream body = response.body()) {
			if (response.statusCode() != 200) throw failed(index + " answered HTTP " +
				response.statusCode() + (response.statusCode() == 404
					? " (DJL publishes no such version)" : "") + ".", null);
			try {
				// A list of a few hundred names; more than this is not one.
				text = new String(body.readNBytes(1 << 20), StandardCharsets.UTF_8);
			}
			catch (IOException e) {
				if (Thread.interrupted() || e
					.getCause() instanceof InterruptedException) throw cancelled();
				throw failed("reading " + index + " broke off (" + reason(e) + ").", e);
			}
		}
		String prefix = build.flavor() + "/" + build.platform() + "/";
		List<String> lines = new ArrayList<>();
		List<String> names = new ArrayList<>();
		for (String raw : text.split("\n")) {
			String line = raw.strip();
			if (!line.startsWith(prefix)) continue;
			lines.add(line);
			names.add(nameIn(line));
		}
		if (lines.isEmpty()) throw failed(index + " lists no " + build.describe() +
			".", null);
		for (String needed : List.of(build.torchLibrary(), build
			.torchCudaLibrary()))
			if (!names.contains(needed)) throw failed(index + " lists " + lines
				.size() + " files of " + build.describe() + ", but not " + needed +
				", without which it is no CUDA build.", null);
		return lines;
	}

	/**
	 * The library's name from a line of files.txt,
	 * {@code cu128/linux-x86_64/native/lib/libtorch.so.gz}, URL-encoded as DJL
	 * publishes it.
	 */
	private String nameIn(String line) throws CudaBuildException {
		String prefix = build.flavor() + "/" + build.platform() + "/native/lib/";
		String encoded = line.startsWith(prefix) && line.endsWith(".gz") ? line
			.substring(prefix.length(), line.length() - 3) : "";
		String name = URLDecoder.decode(encoded, StandardCharsets.UTF_8);
		if (!SAFE_NAME.matcher(name).matches() || name.equals(CudaBuild.MARKER))
			throw failed(index() + " lists '" + line +
				"', which is not a library in " + prefix + ".", null);
		return name;
	}

	/**
	 * One file, unpacked into {@code file} as it arrives; returns its unpacked
	 * size.
	 */
	private long download(URI url, String name, Path file, int index, int count,
		InstallProgress progress) throws IOException
	{
		HttpResponse<InputStream> response = send(url);
		try (Counting body = new Counting(response.body())) {
			if (response.statusCode() != 200) throw failed(index() + " lists " +
				name + ", but " + url + " answered HTTP " + response.statusCode() + ".",
				null);
			long total = response.headers().firstValueAsLong("Content-Length").orElse(
				-1);
			long unpacked = 0;
			progress.update(index, count, name, 0, total);
			try (OutputStream out = Files.newOutputStream(file)) {
				GZIPInputStream in = new GZIPInputStream(body, 1 << 16);
				byte[] buffer = new byte[1 << 16];
				while (true) {
					if (Thread.interrupted()) throw cancelled();
					int n = in.read(buffer);
					if (n < 0) break;
					try {
						out.write(buffer, 0, n);
					}
					catch (IOException e) {
						// A full disk, not a damaged download.
						throw new FileSystemException(null, null, reason(e));
					}
					unpacked += n;
					progress.update(index, count, name, body.count, total);
				}
			}
			catch (BrokeOff e) {
				if (Thread.interrupted() || e.getCause()
					.getCause() instanceof InterruptedException) throw cancelled();
				throw failed(url + " broke off after " + body.count + " bytes (" +
					reason(e.getCause()) + ").", e);
			}
			catch (FileSystemException e) {
				throw e;
			}
			catch (InterruptedIOException e) {
				throw e;
			}
			catch (IOException e) {
				// Not the network (BrokeOff) nor the disk: gzip's check of the data.
				throw failed(url +
					" did not pass gzip's check of its CRC-32 and length (" + reason(e) +
					"): it is damaged or cut short.", e);
			}
			if (total >= 0 && body.count != total) throw failed(url + " is " +
				body.count + " bytes long, but the server announced " + total + ".",
				null);
			return unpacked;
		}
	}

	private HttpResponse<InputStream> send(URI url) throws IOException {
		HttpRequest request = HttpRequest.newBuilder(url).timeout(RESPONSE_TIMEOUT)
			.header("User-Agent", "neural-style-fiji").GET().build();
		try {
			return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
		}
		catch (InterruptedException e) {
			throw cancelled();
		}
		catch (HttpConnectTimeoutException e) {
			throw new CudaBuildException(CudaBuildException.Problem.UNREACHABLE,
				"Cannot download " + build.describe() + " from " + url.getHost() +
					": no connection within " + connectTimeout.toSeconds() +
					" s. Nothing was installed.", e);
		}
		catch (IOException e) {
			throw new CudaBuildException(CudaBuildException.Problem.UNREACHABLE,
				"Cannot download " + build.describe() + ": " + url.getHost() +
					" cannot be reached (" + unreachable(e) + "). Nothing was installed.",
				e);
		}
	}

	/**
	 * Renames the complete folder into place; a folder already there is first
	 * renamed aside, then deleted.
	 */
	private static void publish(Path complete, Path target) throws IOException {
		Path old = null;
		if (Files.exists(target)) {
			old = sibling(target, "old");
			move(target, old);
		}
		move(complete, target);
		if (old != null) deleteTree(old);
	}

	private static void move(Path from, Path to) throws IOException {
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (AtomicMoveNotSupportedException e) {
			Files.move(from, to);
		}
	}

	/**
	 * A hidden name beside {@code target} that names this process:
	 * {@code .2.7.1-cu128-linux-x86_64.<pid>-<random>.part}.
	 */
	private static Path sibling(Path target, String kind) {
		return target.resolveSibling(String.format(Locale.ROOT, ".%s.%d-%08x.%s",
			target.getFileName(), ProcessHandle.current().pid(), ThreadLocalRandom
				.current().nextInt(), kind));
	}

	/**
	 * Deletes the temporary folders of installs whose process is gone, or left
	 * untouched for a day.
	 */
	static void removeAbandoned(Path parent, String name) {
		Pattern ours = Pattern.compile("\\." + Pattern.quote(name) +
			"\\.(\\d+)-[0-9a-f]{8}\\.(part|old)");
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, "." +
			name + ".*"))
		{
			Instant old = Instant.now().minus(ABANDONED);
			for (Path p : entries) {
				Matcher m = ours.matcher(p.getFileName().toString());
				if (!m.matches()) continue;
				boolean dead = ProcessHandle.of(Long.parseLong(m.group(1))).map(h -> !h
					.isAlive()).orElse(true);
				if (dead || Files.getLastModifiedTime(p).toInstant().isBefore(old))
					deleteTree(p);
			}
		}
		catch (IOException | NumberFormatException e) {
			// Tidying up is a courtesy: it must not fail the install.
		}
	}

	private static void deleteTree(Path dir) {
		if (!Files.exists(dir)) return;
		try (Stream<Path> walk = Files.walk(dir)) {
			for (Path p : (Iterable<Path>) walk.sorted(Comparator
				.reverseOrder())::iterator)
				Files.deleteIfExists(p);
		}
		catch (IOException e) {
			// What is left has no marker and is removed by the next install.
		}
	}

	private CudaBuildException failed(String message, Throwable cause) {
		return new CudaBuildException(CudaBuildException.Problem.DOWNLOAD_FAILED,
			"Cannot install " + build.describe() + ": " + message +
				" Nothing was installed.", cause);
	}

	private InterruptedIOException cancelled() {
		Thread.interrupted();
		return new InterruptedIOException("The download of " + build.describe() +
			" was cancelled; nothing was installed.");
	}

	/** A file system's refusal in words; most come without a reason. */
	private static String why(FileSystemException e) {
		if (e.getReason() != null) return e.getReason() + (e.getFile() != null
			? " (" + e.getFile() + ")" : "");
		if (e instanceof java.nio.file.FileAlreadyExistsException)
			return "a file is in the way (" + e.getFile() + ")";
		if (e instanceof java.nio.file.AccessDeniedException)
			return "permission denied (" + e.getFile() + ")";
		return e.getClass().getSimpleName() + " (" + e.getFile() + ")";
	}

	/**
	 * Why a host cannot be reached, in words: the HTTP client's exceptions for a
	 * name that does not resolve and a refused connection carry no message.
	 */
	private static String unreachable(IOException e) {
		for (Throwable t = e; t != null; t = t.getCause())
			if (t instanceof java.nio.channels.UnresolvedAddressException ||
				t instanceof java.net.UnknownHostException)
				return "its name does not resolve: no network, or no DNS";
		String why = reason(e);
		return why.equals("ConnectException") ? "the connection was refused" : why;
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

	/**
	 * The network side of a download, counted; its failures are told apart from
	 * gzip's, which read through it.
	 */
	private static final class Counting extends FilterInputStream {

		long count;

		Counting(InputStream in) {
			super(in);
		}

		@Override
		public int read() throws IOException {
			try {
				int b = super.read();
				if (b >= 0) count++;
				return b;
			}
			catch (IOException e) {
				throw new BrokeOff(e);
			}
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			try {
				int n = super.read(b, off, len);
				if (n > 0) count += n;
				return n;
			}
			catch (IOException e) {
				throw new BrokeOff(e);
			}
		}
	}

	/** The network failed while a file was read. */
	private static final class BrokeOff extends IOException {

		private static final long serialVersionUID = 1L;

		BrokeOff(IOException cause) {
			super(cause);
		}
	}
}
