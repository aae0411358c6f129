package org.vaenodes.knime.nodes;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Structural rules of KNIME's node description schema v5.3 (http://knime.org/node/v5.3), written down from the
 * schema's definitions so descriptions can be checked without shipping KNIME's XSD: root element and namespace,
 * the order of the top-level elements, the allowed children of fullDescription, required attributes, non-empty
 * texts and unique port indices.
 */
final class NodeDescriptionRules {

    static final String NS = "http://knime.org/node/v5.3";
    private static final List<String> TOP_LEVEL =
        List.of("name", "shortDescription", "fullDescription", "interactiveView", "ports", "views", "keywords");
    private static final Set<String> NODE_TYPES = Set.of("Source", "Sink", "Learner", "Predictor", "Manipulator",
        "Visualizer", "Widget", "LoopStart", "LoopEnd", "QuickForm", "Configuration", "Other", "Unknown",
        "ScopeStart", "ScopeEnd", "Container");

    private NodeDescriptionRules() {
    }

    static Document parse(InputStream in) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(in);
    }

    /** @return every violation found, empty if the description follows the schema's structure */
    static List<String> check(Document doc) {
        List<String> problems = new ArrayList<>();
        Element root = doc.getDocumentElement();
        if (!"knimeNode".equals(root.getLocalName()) || !NS.equals(root.getNamespaceURI())) {
            problems.add("root must be <knimeNode xmlns=\"" + NS + "\">, is " + root.getNodeName());
            return problems;
        }
        String type = root.getAttribute("type");
        if (!type.isEmpty() && !NODE_TYPES.contains(type)) {
            problems.add("unknown node type '" + type + "'");
        }
        List<Element> top = children(root);
        int last = -1;
        for (Element e : top) {
            int pos = TOP_LEVEL.indexOf(e.getLocalName());
            if (pos < 0) {
                problems.add("unexpected element <" + e.getLocalName() + "> under knimeNode");
            } else if (pos <= last) {
                problems.add("<" + e.getLocalName() + "> is out of order or repeated");
            } else {
                last = pos;
            }
        }
        for (String required : List.of("name", "shortDescription", "fullDescription", "ports")) {
            if (top.stream().noneMatch(e -> e.getLocalName().equals(required))) {
                problems.add("missing <" + required + ">");
            }
        }
        top.stream().filter(e -> e.getLocalName().equals("fullDescription")).findFirst()
            .ifPresent(fd -> checkFullDescription(fd, problems));
        top.stream().filter(e -> e.getLocalName().equals("ports")).findFirst()
            .ifPresent(p -> checkPorts(p, problems));
        return problems;
    }

    private static void checkFullDescription(Element fd, List<String> problems) {
        List<Element> kids = children(fd);
        if (kids.isEmpty() || !kids.get(0).getLocalName().equals("intro")) {
            problems.add("fullDescription must start with <intro>");
        }
        boolean options = kids.stream().anyMatch(e -> e.getLocalName().equals("option"));
        boolean tabs = kids.stream().anyMatch(e -> e.getLocalName().equals("tab"));
        if (options && tabs) {
            problems.add("fullDescription holds either <option>s or <tab>s, not both");
        }
        for (Element e : kids) {
            switch (e.getLocalName()) {
                case "intro", "link" -> {
                }
                case "option" -> checkOption(e, problems);
                case "tab" -> {
                    requireAttr(e, "name", problems);
                    List<Element> tabKids = children(e);
                    if (tabKids.stream().noneMatch(o -> o.getLocalName().equals("option"))) {
                        problems.add("tab '" + e.getAttribute("name") + "' has no option");
                    }
                    tabKids.stream().filter(o -> o.getLocalName().equals("option")).forEach(o -> checkOption(o, problems));
                }
                default -> problems.add("unexpected <" + e.getLocalName() + "> in fullDescription");
            }
        }
    }

    private static void checkOption(Element option, List<String> problems) {
        requireAttr(option, "name", problems);
        if (option.getTextContent().isBlank()) {
            problems.add("option '" + option.getAttribute("name") + "' has no description");
        }
    }

    private static void checkPorts(Element ports, List<String> problems) {
        for (String kind : List.of("inPort", "outPort")) {
            List<Integer> seen = new ArrayList<>();
            for (Element p : children(ports)) {
                if (!p.getLocalName().equals(kind)) {
                    continue;
                }
                requireAttr(p, "name", problems);
                int index = Integer.parseInt(p.getAttribute("index"));
                if (seen.contains(index)) {
                    problems.add("duplicate " + kind + " index " + index);
                }
                seen.add(index);
                if (p.getTextContent().isBlank()) {
                    problems.add(kind + " " + index + " has no description");
                }
            }
        }
    }

    static int count(Document doc, String element) {
        return doc.getElementsByTagNameNS(NS, element).getLength();
    }

    private static void requireAttr(Element e, String attr, List<String> problems) {
        if (e.getAttribute(attr).isBlank()) {
            problems.add("<" + e.getLocalName() + "> needs a non-empty '" + attr + "' attribute");
        }
    }

    static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }
}
