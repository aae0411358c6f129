package org.vaenodes.knime.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vaenodes.knime.util.DialogNodeFactory;
import org.vaenodes.knime.util.NodeSettingsGroup;
import org.vaenodes.knime.util.Setting;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Each node's settings are declared once, and its description's options are those declarations: one option per
 * setting, named by its label, saying "[key]" and its text, in tabs by section as the dialog groups them.
 *
 * <p>After changing a declaration, {@code -Dvaenodes.writeOptions=true} writes the options into the factory XML
 * files under src/main/java (the rest of each file is left as it is); the test then checks them as usual.
 */
class DeclaredSettingsTest {

    static List<String> registeredFactories() throws Exception {
        return NodeDescriptionTest.registeredFactories().toList();
    }

    @ParameterizedTest
    @MethodSource("registeredFactories")
    void theDescriptionsOptionsAreTheDeclaredSettings(String factoryClass) throws Exception {
        Class<?> cls = Class.forName(factoryClass);
        DialogNodeFactory<?> factory = (DialogNodeFactory<?>) cls.getDeclaredConstructor().newInstance();
        NodeSettingsGroup group = factory.newSettings();
        List<Setting<?>> settings = group.settings();
        assertFalse(settings.isEmpty(), factoryClass + " declares no setting");
        Set<String> keys = new HashSet<>();
        for (Setting<?> s : settings) {
            assertTrue(keys.add(s.key()), "key declared twice: " + s.key());
            assertTrue(s.label() != null && !s.label().isBlank(), s.key() + " has no label");
            assertTrue(s.description() != null && !s.description().isBlank(), s.key() + " has no description");
            assertTrue(s.since().startsWith(Setting.FIRST_RELEASE), s.key() + ": since " + s.since());
        }
        String options = optionsXml(group);
        String xmlName = cls.getSimpleName() + ".xml";
        boolean write = Boolean.getBoolean("vaenodes.writeOptions");
        Document doc;
        try (InputStream in = write ? Files.newInputStream(writeOptions(cls, options))
            : cls.getResourceAsStream(xmlName)) {
            doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
        Document expected = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(
            ("<fullDescription>" + options + "</fullDescription>").getBytes(StandardCharsets.UTF_8)));
        assertEquals(outline(expected.getDocumentElement()),
            outline((Element) doc.getElementsByTagName("fullDescription").item(0)),
            xmlName + ": the options differ from the declared settings (write them with -Dvaenodes.writeOptions=true)");
    }

    /** Tabs and options as lines "tab: name", "option: name = text" (whitespace normalised). */
    private static List<String> outline(Element fullDescription) {
        List<String> lines = new ArrayList<>();
        for (Node n = fullDescription.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals("tab")) {
                lines.add("tab: " + e.getAttribute("name"));
                NodeList options = e.getElementsByTagName("option");
                for (int i = 0; i < options.getLength(); i++) {
                    lines.add(option((Element) options.item(i)));
                }
            } else if (n instanceof Element e && e.getTagName().equals("option")) {
                lines.add(option(e));
            }
        }
        return lines;
    }

    private static String option(Element e) {
        return "option: " + e.getAttribute("name") + (e.getAttribute("optional").equals("true") ? " (optional)" : "")
            + " = " + e.getTextContent().trim().replaceAll("\\s+", " ");
    }

    /** The options as the factory XML holds them: in tabs by section when there is more than one. */
    static String optionsXml(NodeSettingsGroup group) {
        Map<String, List<Setting<?>>> sections = group.sections();
        boolean tabs = sections.size() > 1;
        String indent = tabs ? "            " : "        ";
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, List<Setting<?>>> section : sections.entrySet()) {
            if (tabs) {
                out.append("        <tab name=\"").append(section.getKey()).append("\">\n");
            }
            for (Setting<?> s : section.getValue()) {
                out.append(indent).append("<option name=\"").append(s.label()).append('"')
                    .append(s.isOptional() ? " optional=\"true\"" : "").append(">\n");
                wrap("[<tt>" + s.key() + "</tt>] " + s.description(), indent + "    ", out);
                out.append(indent).append("</option>\n");
            }
            if (tabs) {
                out.append("        </tab>\n");
            }
        }
        return out.toString();
    }

    private static void wrap(String text, String indent, StringBuilder out) {
        StringBuilder line = new StringBuilder(indent);
        for (String word : text.split(" ")) {
            if (line.length() > indent.length() && line.length() + 1 + word.length() > 118) {
                out.append(line).append('\n');
                line = new StringBuilder(indent);
            }
            if (line.length() > indent.length()) {
                line.append(' ');
            }
            line.append(word);
        }
        out.append(line).append('\n');
    }

    /** Replaces everything between the intro and the end of the full description by {@code options}. */
    private static Path writeOptions(Class<?> factory, String options) throws Exception {
        Path xml = Path.of("src/main/java", factory.getName().replace('.', '/') + ".xml");
        String text = Files.readString(xml);
        int from = text.indexOf("</intro>") + "</intro>".length();
        int to = text.indexOf("    </fullDescription>");
        assertTrue(from > "</intro>".length() && to > from, "no intro or full description in " + xml);
        Files.writeString(xml, text.substring(0, from) + "\n" + options + text.substring(to));
        return xml;
    }
}
