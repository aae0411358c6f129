package org.vaenodes.knime.testflows;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.knime.core.node.NodeFactory;
import org.w3c.dom.Document;

/**
 * The workflow format our testflows are written in, and read back by our runner: what KNIME AP 5.3 — the oldest
 * release we claim — writes, so that every release from 5.3 on loads them. KNIME refuses ("created with a future
 * version of KNIME") a workflow whose {@code created_by} is newer than the running version or whose format
 * {@code version} it does not know; our runner applies the same rule as KNIME 5.3.0 would.
 */
final class KnimeWorkflowFormat {

    /** {@code created_by}: KNIME's own version at save time; 5.3.0, so every 5.3.x and later loads the flows. */
    static final String CREATED_BY = "5.3.0";
    /** {@code version}: the newest workflow format KNIME 5.3 writes and reads (its LoadVersion V5100). */
    static final String FORMAT_VERSION = "5.1.0";
    /** The workflow formats KNIME 5.3 knows (LoadVersion's version strings up to V5100). */
    static final List<String> KNOWN_FORMATS = List.of("1.0.0", "1.3.0", "2.0.0", "2.1.0", "2.2.0", "2.3.0",
        "2.4.0", "2.5.0", "2.6.0", "2.7.0", "2.8.0", "2.10.0", "3.1.0", "3.3.0", "3.5.0", "3.6.0", "3.7.0", "3.8.0",
        "4.1.0", "4.2.0", "4.2.2", "4.2.3", "4.3.0", "4.4.0", "4.5.0", "4.6.0", "4.7.0", "5.1.0");
    /** The KNIME version our runner stands in for when it loads a flow. */
    static final String RUNNER_KNIME_VERSION = "5.3.0";

    /** KNIME names a node's folder after its name with every character but letters, digits and blanks as '_'. */
    private static final Pattern NOT_IN_FOLDER_NAMES = Pattern.compile("[^a-zA-Z0-9 ]");

    private KnimeWorkflowFormat() {
    }

    /** The folder KNIME gives a node: its name made file-safe, then " (#id)". */
    static String nodeFolder(String nodeName, int id) {
        return NOT_IN_FOLDER_NAMES.matcher(nodeName).replaceAll("_") + " (#" + id + ")";
    }

    /** The node's name as KNIME shows it: the {@code <name>} of the description next to its factory. */
    static String nodeName(Class<? extends NodeFactory<?>> factory) {
        String resource = factory.getSimpleName() + ".xml";
        try (InputStream in = factory.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No node description " + resource + " next to " + factory.getName());
            }
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
            return doc.getElementsByTagName("name").item(0).getTextContent().trim();
        } catch (IOException | javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IllegalStateException("Cannot read " + resource + ": " + e.getMessage(), e);
        }
    }

    /**
     * Null if KNIME {@value #RUNNER_KNIME_VERSION} loads a workflow with these header values, else KNIME's reason (its
     * default policy for workflows of a future version is to abort the load).
     */
    static String whyNotLoadable(String createdBy, String formatVersion, boolean nightly) {
        if (!KNOWN_FORMATS.contains(formatVersion) || createdBy != null && isNewer(createdBy, RUNNER_KNIME_VERSION)) {
            return "Unable to load workflow, it was created with a future version of KNIME (" + createdBy
                + ", workflow format " + formatVersion + "). You are running " + RUNNER_KNIME_VERSION
                + " (the oldest KNIME release VAE Nodes supports; save the flow in that format).";
        }
        if (nightly) {
            return "Unable to load workflow, it was created with a nightly build of KNIME (version " + createdBy
                + "). You are running " + RUNNER_KNIME_VERSION + ".";
        }
        return null;
    }

    /** True if version a (major.minor.micro[.qualifier]) is newer than b, comparing the numbers only. */
    static boolean isNewer(String a, String b) {
        int[] x = numbers(a);
        int[] y = numbers(b);
        for (int i = 0; i < 3; i++) {
            if (x[i] != y[i]) {
                return x[i] > y[i];
            }
        }
        return false;
    }

    private static int[] numbers(String v) {
        String[] p = v.split("\\.");
        int[] n = new int[3];
        for (int i = 0; i < 3 && i < p.length; i++) {
            n[i] = Integer.parseInt(p[i].replaceAll("[^0-9].*", ""));
        }
        return n;
    }
}
