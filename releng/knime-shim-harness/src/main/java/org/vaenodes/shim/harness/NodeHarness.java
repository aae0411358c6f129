package org.vaenodes.shim.harness;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;

/**
 * Runs one node the way KNIME does, without KNIME: factory → model → settings → configure → execute. Log events of
 * level ERROR, FATAL and CODING raised while the harness works are collected in {@link #loggedErrors()}.
 *
 * @param <M> the node model class
 */
public final class NodeHarness<M extends NodeModel> {

    private final NodeFactory<M> m_factory;

    private final M m_model;

    private final List<String> m_errors = new ArrayList<>();

    private final BiConsumer<String, String> m_logListener = (level, msg) -> {
        if ("ERROR".equals(level) || "FATAL".equals(level) || "CODING".equals(level)) {
            synchronized (m_errors) {
                m_errors.add(level + ": " + msg);
            }
        }
    };

    private PortObjectSpec[] m_configuredSpecs;

    public NodeHarness(final NodeFactory<M> factory) {
        m_factory = Objects.requireNonNull(factory);
        ShimAccess.addLogListener(m_logListener);
        m_model = factory.createNodeModel();
    }

    /** Instantiates the factory through its public no-arg constructor, as KNIME does. */
    public static <M extends NodeModel> NodeHarness<M> of(final Class<? extends NodeFactory<M>> factoryClass) {
        try {
            return new NodeHarness<>(factoryClass.getConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("Cannot instantiate " + factoryClass.getName(), e);
        }
    }

    public NodeFactory<M> factory() {
        return m_factory;
    }

    public M model() {
        return m_model;
    }

    /** ERROR/FATAL/CODING log messages seen so far (any logger). */
    public List<String> loggedErrors() {
        synchronized (m_errors) {
            return List.copyOf(m_errors);
        }
    }

    /** Stops collecting log messages. */
    public void close() {
        ShimAccess.removeLogListener(m_logListener);
    }

    // ---- settings ----------------------------------------------------------------------------------------------

    /** The model's current settings in a "model" config, as KNIME stores them in settings.xml. */
    public NodeSettings settings() {
        NodeSettings s = new NodeSettings("model");
        ShimAccess.saveSettingsTo(m_model, s);
        return s;
    }

    public String settingsXml() throws IOException {
        return toXml(settings());
    }

    /** validateSettings then loadValidatedSettingsFrom, as KNIME applies settings. */
    public void loadSettings(final NodeSettingsRO settings) throws InvalidSettingsException {
        ShimAccess.validateSettings(m_model, settings);
        ShimAccess.loadValidatedSettingsFrom(m_model, settings);
    }

    /**
     * Sets some of the model's settings, as a dialog or flow variables would, and applies them: pairs of key and
     * value (Integer, Double, Boolean or String) over the current settings.
     */
    public void applySettings(final Object... keyValues) throws InvalidSettingsException {
        NodeSettings s = settings();
        for (int i = 0; i < keyValues.length; i += 2) {
            put(s, (String) keyValues[i], keyValues[i + 1]);
        }
        loadSettings(s);
    }

    /** Adds one setting of the value's type: Integer, Double, Boolean, else String. */
    public static void put(final NodeSettingsWO settings, final String key, final Object value) {
        if (value instanceof Integer n) {
            settings.addInt(key, n);
        } else if (value instanceof Double d) {
            settings.addDouble(key, d);
        } else if (value instanceof Boolean b) {
            settings.addBoolean(key, b);
        } else {
            settings.addString(key, (String) value);
        }
    }

    /**
     * Saves the settings, writes them as XML, reads them back and applies them to a fresh model; fails if the
     * fresh model then saves different XML.
     *
     * @return the settings as read back from XML
     */
    public NodeSettingsRO roundtripSettings() throws IOException, InvalidSettingsException {
        String xml = settingsXml();
        NodeSettingsRO loaded = fromXml(xml);
        M fresh = m_factory.createNodeModel();
        ShimAccess.validateSettings(fresh, loaded);
        ShimAccess.loadValidatedSettingsFrom(fresh, loaded);
        NodeSettings again = new NodeSettings("model");
        ShimAccess.saveSettingsTo(fresh, again);
        String xml2 = toXml(again);
        if (!xml.equals(xml2)) {
            throw new IllegalStateException("Settings changed in the XML roundtrip:\n" + xml + "\n---\n" + xml2);
        }
        return loaded;
    }

    public static String toXml(final NodeSettings s) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        s.saveToXML(bos);
        return bos.toString(StandardCharsets.UTF_8);
    }

    public static NodeSettingsRO fromXml(final String xml) throws IOException {
        return NodeSettings.loadFromXML(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    // ---- configure / execute -------------------------------------------------------------------------------------

    public PortObjectSpec[] configure(final PortObjectSpec... inSpecs) throws InvalidSettingsException {
        m_configuredSpecs = ShimAccess.configure(m_model, inSpecs);
        return m_configuredSpecs;
    }

    /** Configures with the inputs' specs, then executes with a fresh execution context. */
    public PortObject[] execute(final PortObject... inObjects) throws Exception {
        return execute(ShimAccess.newExecutionContext(), inObjects);
    }

    /**
     * Resets the model, configures with the inputs' specs and executes. A table whose spec differs from the spec
     * configure promised is logged as a coding problem (as KNIME does).
     */
    public PortObject[] execute(final ExecutionContext exec, final PortObject... inObjects) throws Exception {
        ShimAccess.reset(m_model);
        PortObjectSpec[] inSpecs = new PortObjectSpec[inObjects.length];
        for (int i = 0; i < inObjects.length; i++) {
            inSpecs[i] = inObjects[i] == null ? null : inObjects[i].getSpec();
        }
        PortObjectSpec[] promised = configure(inSpecs);
        PortObject[] out = ShimAccess.execute(m_model, inObjects, exec);
        for (int i = 0; i < out.length; i++) {
            if (out[i] instanceof BufferedDataTable t && promised[i] instanceof DataTableSpec p
                && !p.equals(t.getDataTableSpec())) {
                org.knime.core.node.NodeLogger.getLogger(NodeHarness.class).coding("Output " + i
                    + ": DataTableSpec generated by configure does not match spec after execution: " + p + " vs "
                    + t.getDataTableSpec());
            }
        }
        return out;
    }

    public String warningMessage() {
        return ShimAccess.warningMessage(m_model);
    }

    // ---- dialog --------------------------------------------------------------------------------------------------

    /** Creates the dialog (null if the factory has none); safe with java.awt.headless=true. */
    public NodeDialogPane createDialog() {
        return ShimAccess.hasDialog(m_factory) ? ShimAccess.createNodeDialogPane(m_factory) : null;
    }

    /** Loads the model's settings into a new dialog and returns what the dialog saves back. */
    public NodeSettings dialogRoundtrip(final PortObjectSpec... specs)
        throws NotConfigurableException, InvalidSettingsException {
        NodeDialogPane d = createDialog();
        if (d == null) {
            throw new IllegalStateException(m_factory.getClass().getName() + " has no dialog");
        }
        ShimAccess.loadDialogSettings(d, settings(), specs);
        NodeSettings out = new NodeSettings("model");
        ShimAccess.saveDialogSettings(d, out);
        return out;
    }
}
