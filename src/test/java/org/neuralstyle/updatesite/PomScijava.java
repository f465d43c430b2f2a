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

package org.neuralstyle.updatesite;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import java.util.TreeSet;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What Fiji ships, as this build can know it offline: every
 * {@code groupId:artifactId} that our parent, pom-scijava, manages. pom-scijava
 * is the bill of materials Fiji's release is built from, so a library it
 * manages is either in Fiji (ImageJ, SciJava, Gson, JNA, Commons, SLF4J…) or
 * none of a plugin's business to bring in a version of; a superset errs on the
 * side of shipping less. Its POM is in the local Maven repository, because
 * Maven needed it to build this project.
 */
final class PomScijava {

	private PomScijava() {}

	/**
	 * The managed {@code groupId:artifactId}s of the pom-scijava that
	 * {@code pom.xml} names as its parent.
	 */
	static Set<String> managedArtifacts(Path projectPom) throws Exception {
		Element parent = child(parse(projectPom).getDocumentElement(), "parent");
		if (parent == null || !"pom-scijava".equals(text(parent, "artifactId")))
			throw new IllegalStateException(projectPom +
				" has no pom-scijava parent");
		String version = text(parent, "version");
		Path pom = localRepository().resolve(Paths.get("org", "scijava",
			"pom-scijava", version, "pom-scijava-" + version + ".pom"));
		if (!Files.isRegularFile(pom)) throw new IllegalStateException(
			"pom-scijava " + version + " is not at " + pom);
		Set<String> managed = new TreeSet<>();
		Element management = child(parse(pom).getDocumentElement(),
			"dependencyManagement");
		NodeList deps = child(management, "dependencies").getElementsByTagName(
			"dependency");
		for (int i = 0; i < deps.getLength(); i++) {
			Element d = (Element) deps.item(i);
			managed.add(text(d, "groupId") + ":" + text(d, "artifactId"));
		}
		return managed;
	}

	/**
	 * The local repository this test runs from: scijava-common's jar on the test
	 * class path lies in it at {@code org/scijava/scijava-common/VERSION/},
	 * whatever {@code -Dmaven.repo.local} said.
	 */
	static Path localRepository() throws URISyntaxException, IOException {
		Path jar = Paths.get(org.scijava.Context.class.getProtectionDomain()
			.getCodeSource().getLocation().toURI());
		Path root = jar.getParent().getParent().getParent().getParent().getParent();
		if (!Files.isDirectory(root.resolve("org/scijava/scijava-common")))
			throw new IllegalStateException(
				"scijava-common is not in a Maven repository: " + jar);
		return root;
	}

	private static Document parse(Path xml) throws Exception {
		return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml
			.toFile());
	}

	private static Element child(Element parent, String name) {
		for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling())
			if (n instanceof Element e && e.getTagName().equals(name)) return e;
		return null;
	}

	private static String text(Element parent, String name) {
		Element e = child(parent, name);
		return e == null ? null : e.getTextContent().trim();
	}
}
