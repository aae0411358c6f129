package org.knime.core.node.config.base;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;

import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;

import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/** Reads and writes settings trees in KNIME's XMLConfig format (namespace http://www.knime.org/2008/09/XMLConfig). */
final class XmlSupport {

    static final Set<String> TYPES =
        Set.of("xstring", "xint", "xlong", "xdouble", "xfloat", "xboolean", "xshort", "xbyte", "xchar");

    private XmlSupport() {
    }

    // ---- writing -----------------------------------------------------------------------------------------------

    static void write(final ConfigBase config, final OutputStream os) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8));
        w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        writeConfig(config, w, 0);
        w.flush(); // the caller owns (and closes) the stream
    }

    private static void writeConfig(final ConfigBase c, final Writer w, final int depth) throws IOException {
        String ind = "    ".repeat(depth);
        w.write(ind + "<config");
        if (depth == 0) {
            w.write(" xmlns=\"http://www.knime.org/2008/09/XMLConfig\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xsi:schemaLocation=\"http://www.knime.org/2008/09/XMLConfig"
                + " http://www.knime.org/XMLConfig_2008_09.xsd\"");
        }
        w.write(" key=\"" + attr(c.getKey()) + "\"");
        Map<String, AbstractConfigEntry> entries = c.entries();
        if (entries.isEmpty()) {
            w.write("/>\n");
            return;
        }
        w.write(">\n");
        for (AbstractConfigEntry e : entries.values()) {
            if (e instanceof ConfigBase child) {
                writeConfig(child, w, depth + 1);
            } else {
                ValueEntry v = (ValueEntry)e;
                w.write(ind + "    <entry key=\"" + attr(v.getKey()) + "\" type=\"" + v.m_type + "\"");
                if (v.m_value == null) {
                    w.write(" isnull=\"true\" value=\"\"/>\n");
                } else {
                    w.write(" value=\"" + attr(v.m_value) + "\"/>\n");
                }
            }
        }
        w.write(ind + "</config>\n");
    }

    /** KNIME's value escaping (control characters and "%%" as %%nnnnn) followed by XML attribute escaping. */
    private static String attr(final String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            boolean percentPair = ch == '%' && i + 1 < s.length() && s.charAt(i + 1) == '%';
            if (ch < 32 || ch > 0xd7ff || percentPair) {
                b.append("%%").append(String.format("%05d", (int)ch));
            } else if (ch == '&') {
                b.append("&amp;");
            } else if (ch == '<') {
                b.append("&lt;");
            } else if (ch == '>') {
                b.append("&gt;");
            } else if (ch == '"') {
                b.append("&quot;");
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }

    private static String unescape(final String s) {
        if (s == null || s.indexOf("%%") < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            if (s.startsWith("%%", i) && i + 7 <= s.length() && s.substring(i + 2, i + 7).chars()
                .allMatch(Character::isDigit)) {
                b.append((char)Integer.parseInt(s.substring(i + 2, i + 7)));
                i += 7;
            } else {
                b.append(s.charAt(i++));
            }
        }
        return b.toString();
    }

    // ---- reading -----------------------------------------------------------------------------------------------

    static void read(final ConfigBase root, final InputStream in) throws IOException {
        try {
            SAXParserFactory f = SAXParserFactory.newInstance();
            f.setNamespaceAware(false);
            f.setValidating(false);
            trySetFeature(f, "http://apache.org/xml/features/nonvalidating/load-external-dtd");
            trySetFeature(f, "http://xml.org/sax/features/external-general-entities");
            trySetFeature(f, "http://xml.org/sax/features/external-parameter-entities");
            f.newSAXParser().parse(new InputSource(in), new Handler(root));
        } catch (SAXException | ParserConfigurationException e) {
            throw new IOException("Unable to read settings XML: " + e.getMessage(), e);
        }
    }

    private static void trySetFeature(final SAXParserFactory f, final String feature) {
        try {
            f.setFeature(feature, false);
        } catch (Exception e) { // NOSONAR parser does not know the feature
            // ignore
        }
    }

    private static final class Handler extends DefaultHandler {
        private final Deque<ConfigBase> m_stack = new ArrayDeque<>();

        private final ConfigBase m_root;

        private boolean m_first = true;

        Handler(final ConfigBase root) {
            m_root = root;
        }

        @Override
        public InputSource resolveEntity(final String publicId, final String systemId) {
            return new InputSource(new StringReader("")); // never fetch DTDs
        }

        @Override
        public void startElement(final String uri, final String localName, final String qName,
            final Attributes atts) throws SAXException {
            String key = atts.getValue("key");
            if ("config".equals(qName)) {
                if (m_first) {
                    m_first = false;
                    m_root.setKeyInternal(key);
                    m_stack.push(m_root);
                } else {
                    m_stack.push(current(qName).addConfigBase(key));
                }
            } else if ("entry".equals(qName)) {
                String type = atts.getValue("type");
                String value = "true".equals(atts.getValue("isnull")) ? null : unescape(atts.getValue("value"));
                try {
                    current(qName).addRaw(key, type, value);
                } catch (IllegalArgumentException e) {
                    throw new SAXException(e.getMessage(), e);
                }
            } else {
                throw new SAXException("Unexpected element <" + qName + "> in settings XML");
            }
        }

        private ConfigBase current(final String qName) throws SAXException {
            if (m_stack.isEmpty()) {
                throw new SAXException("<" + qName + "> outside of the root <config>");
            }
            return m_stack.peek();
        }

        @Override
        public void endElement(final String uri, final String localName, final String qName) {
            if ("config".equals(qName)) {
                m_stack.pop();
            }
        }
    }
}
