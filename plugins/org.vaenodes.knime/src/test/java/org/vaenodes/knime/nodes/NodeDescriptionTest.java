package org.vaenodes.knime.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;
import org.vaenodes.shim.harness.NodeHarness;
import org.vaenodes.shim.harness.ShimAccess;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every node registered in plugin.xml has a description that follows KNIME's v5.3 structure, documents each of its
 * ports and each of its settings keys, and has its icon next to it.
 */
class NodeDescriptionTest {

    /** About 120 words: what a user reads before deciding to use the node. */
    private static final int INTRO_WORDS = 125;

    /** The factories plugin.xml registers: the list users actually get. */
    static Stream<String> registeredFactories() throws Exception {
        Document plugin;
        try (InputStream in = NodeDescriptionTest.class.getResourceAsStream("/plugin.xml")) {
            assertNotNull(in, "plugin.xml must be on the class path");
            plugin = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
        NodeList nodes = plugin.getElementsByTagName("node");
        List<String> factories = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            factories.add(((Element) nodes.item(i)).getAttribute("factory-class"));
        }
        assertTrue(!factories.isEmpty(), "plugin.xml registers no node");
        return factories.stream();
    }

    @ParameterizedTest
    @MethodSource("registeredFactories")
    @SuppressWarnings({"unchecked", "rawtypes"})
    void descriptionIsCompleteAndWellFormed(String factoryClass) throws Exception {
        Class<? extends NodeFactory> cls = (Class<? extends NodeFactory>) Class.forName(factoryClass);
        NodeHarness<NodeModel> h = NodeHarness.of((Class) cls);
        String xmlName = cls.getSimpleName() + ".xml";
        Document doc;
        try (InputStream in = cls.getResourceAsStream(xmlName)) {
            assertNotNull(in, xmlName + " missing next to " + factoryClass);
            doc = NodeDescriptionRules.parse(in);
        }
        assertEquals(List.of(), NodeDescriptionRules.check(doc), factoryClass);

        NodeModel model = h.model();
        assertEquals(ShimAccess.inPortCount(model), NodeDescriptionRules.count(doc, "inPort"), "documented in-ports");
        assertEquals(ShimAccess.outPortCount(model), NodeDescriptionRules.count(doc, "outPort"), "documented out-ports");
        assertEquals(ShimAccess.nrNodeViews(h.factory()), NodeDescriptionRules.count(doc, "view"), "documented views");

        // the intro says what the node does and when to use it, in a paragraph or two; details go to options and ports
        String intro = doc.getElementsByTagNameNS(NodeDescriptionRules.NS, "intro").item(0).getTextContent();
        int words = intro.trim().split("\\s+").length;
        assertTrue(words <= INTRO_WORDS, xmlName + ": the intro has " + words + " words, more than " + INTRO_WORDS);

        String icon = doc.getDocumentElement().getAttribute("icon");
        assertNotNull(cls.getResource(icon), "icon " + icon + " missing for " + factoryClass);

        // every settings key (flow-variable name) is named in the description, so users can find it
        String text = doc.getDocumentElement().getTextContent();
        NodeSettings settings = h.settings();
        for (String key : settings) {
            if (!key.endsWith("_Internals")) {
                assertTrue(text.contains("[" + key + "]"), "setting '" + key + "' is not documented in " + xmlName);
            }
        }
        assertEquals(List.of(), h.loggedErrors());
        h.close();
    }
}
