package org.knime.core.node;

import java.io.InputStream;
import java.io.StringReader;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Creates the parts of a node (shim). The node description is read from {@code <FactorySimpleName>.xml} next to
 * the factory class (falling back to super classes); a missing or unreadable description is logged as a coding
 * problem.
 */
public abstract class NodeFactory<T extends NodeModel> {

    /** Node kinds as used in the description's "type" attribute. */
    public static enum NodeType {
        Source, Sink, Learner, Predictor, Manipulator, Visualizer, Widget, Meta, LoopStart, LoopEnd, ScopeStart,
        ScopeEnd, @Deprecated QuickForm, Configuration, Other, Missing, Unknown, Subnode, VirtualIn, VirtualOut,
        Container
    }

    private final boolean m_lazy;

    private Element m_description;

    private boolean m_initialized;

    protected NodeFactory() {
        this(false);
    }

    protected NodeFactory(final boolean lazyInitialization) {
        m_lazy = lazyInitialization;
        if (!lazyInitialization) {
            init();
        }
    }

    public final String getFactoryId() {
        return getClass().getName();
    }

    public synchronized void init() {
        if (m_initialized) {
            return;
        }
        m_initialized = true;
        m_description = readDescription();
        if (m_description == null) {
            NodeLogger.getLogger(getClass()).coding("No node description found for " + getClass().getName());
            return;
        }
        int views = children(child("views"), "view").size();
        if (views != getNrNodeViews()) {
            NodeLogger.getLogger(getClass()).coding("Node description of " + getClass().getName() + " describes "
                + views + " views but the factory has " + getNrNodeViews());
        }
    }

    private Element readDescription() {
        for (Class<?> c = getClass(); c != null && c != NodeFactory.class; c = c.getSuperclass()) {
            try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".xml")) {
                if (in == null) {
                    continue;
                }
                DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
                f.setNamespaceAware(true);
                DocumentBuilder b = f.newDocumentBuilder();
                b.setEntityResolver((pub, sys) -> new InputSource(new StringReader("")));
                b.setErrorHandler(null);
                return b.parse(in).getDocumentElement();
            } catch (Exception e) { // NOSONAR any parse problem is reported the same way
                NodeLogger.getLogger(getClass()).coding("Unreadable node description: " + e.getMessage(), e);
                return null;
            }
        }
        return null;
    }

    public Element getXMLDescription() {
        init();
        return m_description;
    }

    private Element child(final String name) {
        init();
        if (m_description == null) {
            return null;
        }
        List<Element> l = children(m_description, name);
        return l.isEmpty() ? null : l.get(0);
    }

    private static List<Element> children(final Element parent, final String name) {
        List<Element> r = new ArrayList<>();
        if (parent == null) {
            return r;
        }
        NodeList nl = parent.getChildNodes();
        for (int i = 0; i < nl.getLength(); i++) {
            if (nl.item(i) instanceof Element e && name.equals(e.getLocalName() != null ? e.getLocalName()
                : e.getTagName())) {
                r.add(e);
            }
        }
        return r;
    }

    private Element port(final String kind, final int index) {
        for (Element e : children(child("ports"), kind)) {
            if (Integer.toString(index).equals(e.getAttribute("index").trim())) {
                return e;
            }
        }
        return null;
    }

    private Element view(final int index) {
        for (Element e : children(child("views"), "view")) {
            if (Integer.toString(index).equals(e.getAttribute("index").trim())) {
                return e;
            }
        }
        return null;
    }

    private static String text(final Element e) {
        return e == null ? null : e.getTextContent().trim().replaceAll("\\s+", " ");
    }

    public final String getNodeName() {
        String n = text(child("name"));
        return n == null ? getClass().getSimpleName().replaceAll("NodeFactory$", "") : n;
    }

    public String getInportName(final int index) {
        Element p = port("inPort", index);
        return p == null ? null : p.getAttribute("name");
    }

    public String getOutportName(final int index) {
        Element p = port("outPort", index);
        return p == null ? null : p.getAttribute("name");
    }

    public final String getInportDescription(final int index) {
        return text(port("inPort", index));
    }

    public final String getOutportDescription(final int index) {
        return text(port("outPort", index));
    }

    public final String[] getKeywords() {
        return children(child("keywords"), "keyword").stream().map(NodeFactory::text).toArray(String[]::new);
    }

    protected final String getViewDescription(final int index) {
        return text(view(index));
    }

    public abstract T createNodeModel();

    protected abstract int getNrNodeViews();

    @Deprecated(since = "5.6", forRemoval = true)
    protected final String getNodeViewName(final int index) {
        Element v = view(index);
        return v == null ? null : v.getAttribute("name");
    }

    @Deprecated(since = "5.6", forRemoval = true)
    public abstract NodeView<T> createNodeView(final int viewIndex, final T nodeModel);

    @SuppressWarnings("removal")
    public AbstractNodeView<T> createAbstractNodeView(final int viewIndex, final T nodeModel) {
        return createNodeView(viewIndex, nodeModel);
    }

    @Deprecated(since = "5.6", forRemoval = true)
    protected abstract boolean hasDialog();

    @Deprecated(since = "5.6", forRemoval = true)
    protected abstract NodeDialogPane createNodeDialogPane();

    public URL getIcon() {
        Element root = getXMLDescription();
        String icon = root == null ? "" : root.getAttribute("icon");
        return icon.isEmpty() ? null : getClass().getResource(icon);
    }

    public NodeType getType() {
        Element root = getXMLDescription();
        String t = root == null ? "" : root.getAttribute("type");
        try {
            return t.isEmpty() ? NodeType.Unknown : NodeType.valueOf(t);
        } catch (IllegalArgumentException e) {
            return NodeType.Unknown;
        }
    }

    public final boolean isDeprecated() {
        Element root = getXMLDescription();
        return root != null && "true".equals(root.getAttribute("deprecated"));
    }

    public final boolean isLazilyInitialized() {
        return m_lazy;
    }
}
