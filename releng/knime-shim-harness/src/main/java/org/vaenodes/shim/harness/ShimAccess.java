package org.vaenodes.shim.harness;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObject.PortObjectSerializer;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortObjectSpec.PortObjectSpecSerializer;
import org.knime.core.node.port.PortObjectSpecZipInputStream;
import org.knime.core.node.port.PortObjectSpecZipOutputStream;
import org.knime.core.node.port.PortObjectZipInputStream;
import org.knime.core.node.port.PortObjectZipOutputStream;
import org.knime.core.node.port.PortType;
import org.vaenodes.shim.spi.NodeBridge;
import org.vaenodes.shim.spi.PortBridge;
import org.vaenodes.shim.spi.ShimHooks;

/**
 * Test-only access to what KNIME keeps for its framework (protected NodeModel/dialog methods, execution contexts,
 * port zip streams). Not KNIME API. Reaches the shim's internals through the bridges the org.knime packages of the
 * shim register in {@link ShimHooks} ("shared secrets"); a bridge class is initialised on first use.
 */
public final class ShimAccess {

    private static final String CLASS_ENTRY = "shim_class_name.txt";

    private ShimAccess() {
    }

    private static NodeBridge node() {
        return ShimHooks.nodeBridge();
    }

    private static PortBridge port() {
        return ShimHooks.portBridge();
    }

    // ---- node model ------------------------------------------------------------------------------------------

    /** Clears the warning, calls configure and checks the number and types of the output specs. */
    public static PortObjectSpec[] configure(final NodeModel m, final PortObjectSpec[] given)
        throws InvalidSettingsException {
        PortObjectSpec[] in = unconnectedOptional(m, given);
        node().setWarningMessage(m, null);
        PortObjectSpec[] out = node().configure(m, in);
        PortType[] types = node().outPortTypes(m);
        if (out == null || out.length != types.length) {
            throw new IllegalStateException("configure() returned " + (out == null ? "null" : out.length + " specs")
                + " but the node has " + types.length + " output ports");
        }
        for (int i = 0; i < out.length; i++) {
            if (!types[i].acceptsPortObjectSpec(out[i])) {
                throw new IllegalStateException("configure(): spec at output port " + i + " is a "
                    + out[i].getClass().getName() + ", not a " + types[i].getPortObjectSpecClass().getName());
            }
        }
        return out;
    }

    /** Clears the warning, calls execute and checks that every output is non-null and of its port's type. */
    public static PortObject[] execute(final NodeModel m, final PortObject[] given, final ExecutionContext exec)
        throws Exception {
        PortObject[] in = unconnectedOptional(m, given);
        node().setWarningMessage(m, null);
        PortObject[] out = node().execute(m, in, exec);
        PortType[] types = node().outPortTypes(m);
        if (out == null || out.length != types.length) {
            throw new IllegalStateException("execute() returned " + (out == null ? "null" : out.length + " objects")
                + " but the node has " + types.length + " output ports");
        }
        for (int i = 0; i < out.length; i++) {
            if (out[i] == null) {
                throw new IllegalStateException("execute(): output at port " + i + " is null");
            }
            if (!types[i].acceptsPortObject(out[i])) {
                throw new IllegalStateException("execute(): output at port " + i + " is a "
                    + out[i].getClass().getName() + ", not a " + types[i].getPortObjectClass().getName());
            }
        }
        return out;
    }

    /**
     * The inputs as KNIME passes them: a test may leave out trailing optional ports, which KNIME passes as null
     * (unconnected); any other count is a mistake of the test.
     */
    private static <T> T[] unconnectedOptional(final NodeModel m, final T[] in) {
        PortType[] types = node().inPortTypes(m);
        for (int i = in.length; i < types.length; i++) {
            if (!types[i].isOptional()) {
                break;
            }
            if (i == types.length - 1) {
                return java.util.Arrays.copyOf(in, types.length);
            }
        }
        if (in.length != types.length) {
            throw new IllegalArgumentException("Node has " + types.length + " input ports, got " + in.length
                + " inputs");
        }
        return in;
    }

    public static void saveSettingsTo(final NodeModel m, final NodeSettingsWO s) {
        node().saveSettingsTo(m, s);
    }

    public static void validateSettings(final NodeModel m, final NodeSettingsRO s) throws InvalidSettingsException {
        node().validateSettings(m, s);
    }

    public static void loadValidatedSettingsFrom(final NodeModel m, final NodeSettingsRO s)
        throws InvalidSettingsException {
        node().loadValidatedSettingsFrom(m, s);
    }

    public static void reset(final NodeModel m) {
        node().reset(m);
    }

    public static void dispose(final NodeModel m) {
        node().dispose(m);
    }

    public static void saveInternals(final NodeModel m, final File dir, final ExecutionMonitor exec)
        throws IOException, CanceledExecutionException {
        node().saveInternals(m, dir, exec);
    }

    public static void loadInternals(final NodeModel m, final File dir, final ExecutionMonitor exec)
        throws IOException, CanceledExecutionException {
        node().loadInternals(m, dir, exec);
    }

    public static String warningMessage(final NodeModel m) {
        return node().warningMessage(m);
    }

    /** Variables pushed by the node, in push order (values are Integer, Double or String). */
    public static Map<String, Object> pushedFlowVariables(final NodeModel m) {
        return node().pushedFlowVariables(m);
    }

    /** Variables the node can peek (as if coming from upstream). */
    public static void setInputFlowVariables(final NodeModel m, final Map<String, Object> vars) {
        node().setInputFlowVariables(m, vars);
    }

    public static int inPortCount(final NodeModel m) {
        return node().inPortTypes(m).length;
    }

    public static int outPortCount(final NodeModel m) {
        return node().outPortTypes(m).length;
    }

    public static PortType inPortType(final NodeModel m, final int i) {
        return node().inPortTypes(m)[i];
    }

    public static PortType outPortType(final NodeModel m, final int i) {
        return node().outPortTypes(m)[i];
    }

    // ---- execution -------------------------------------------------------------------------------------------

    public static ExecutionContext newExecutionContext() {
        return newExecutionContext(() -> false, null);
    }

    /**
     * @param cancelled asked by checkCanceled(); return true to cancel
     * @param progressListener receives (overall progress in [0,1], message) on every change; may be null
     */
    public static ExecutionContext newExecutionContext(final BooleanSupplier cancelled,
        final BiConsumer<Double, String> progressListener) {
        return node().newExecutionContext(cancelled, progressListener);
    }

    public static double progress(final ExecutionMonitor exec) {
        return node().progress(exec);
    }

    public static String progressMessage(final ExecutionMonitor exec) {
        return node().progressMessage(exec);
    }

    public static BufferedDataTable tableOf(final DataTableSpec spec, final List<DataRow> rows) {
        return node().tableOf(spec, rows);
    }

    // ---- factory and dialog ----------------------------------------------------------------------------------

    public static int nrNodeViews(final NodeFactory<?> f) {
        return node().nrNodeViews(f);
    }

    public static boolean hasDialog(final NodeFactory<?> f) {
        return node().hasDialog(f);
    }

    public static NodeDialogPane createNodeDialogPane(final NodeFactory<?> f) {
        return node().createNodeDialogPane(f);
    }

    public static void loadDialogSettings(final NodeDialogPane d, final NodeSettingsRO s,
        final PortObjectSpec[] specs) throws NotConfigurableException {
        node().loadDialogSettings(d, s, specs);
    }

    public static void saveDialogSettings(final NodeDialogPane d, final NodeSettingsWO s)
        throws InvalidSettingsException {
        node().saveDialogSettings(d, s);
    }

    /** Receives every NodeLogger event as (level, message); levels DEBUG, INFO, WARN, ERROR, FATAL, CODING. */
    public static void addLogListener(final BiConsumer<String, String> l) {
        node().addLogListener(l);
    }

    public static void removeLogListener(final BiConsumer<String, String> l) {
        node().removeLogListener(l);
    }

    // ---- workflow ----------------------------------------------------------------------------------------------

    /**
     * The directory knime://knime.workflow/ URLs resolve against (FileUtil.resolveToPath, getFileFromURL and
     * streams opened on such URLs); null (the default) makes them fail.
     */
    public static void setWorkflowDirectory(final Path dir) {
        ShimHooks.setWorkflowDirectory(dir);
    }

    public static Path getWorkflowDirectory() {
        return ShimHooks.getWorkflowDirectory();
    }

    // ---- port objects ----------------------------------------------------------------------------------------

    /**
     * Writes a port object as a zip: an entry naming its class, then what its serializer writes (the serializer is
     * a public static nested subclass of PortObjectSerializer, or returned by a static getPortObjectSerializer()).
     */
    public static void savePortObject(final PortObject po, final OutputStream out)
        throws IOException, CanceledExecutionException {
        PortObjectZipOutputStream zip = port().objectOut(out);
        writeClassEntry(zip, po.getClass());
        objectSerializer(po.getClass()).savePortObject(po, zip, new ExecutionMonitor());
        zip.finish();
        zip.flush();
    }

    public static PortObject loadPortObject(final InputStream in, final PortObjectSpec spec)
        throws IOException, CanceledExecutionException {
        PortObjectZipInputStream zip = port().objectIn(in);
        Class<?> cl = readClassEntry(zip);
        return objectSerializer(cl).loadPortObject(zip, spec, new ExecutionMonitor());
    }

    public static void savePortObjectSpec(final PortObjectSpec spec, final OutputStream out) throws IOException {
        PortObjectSpecZipOutputStream zip = port().specOut(out);
        writeClassEntry(zip, spec.getClass());
        specSerializer(spec.getClass()).savePortObjectSpec(spec, zip);
        zip.finish();
        zip.flush();
    }

    public static PortObjectSpec loadPortObjectSpec(final InputStream in) throws IOException {
        PortObjectSpecZipInputStream zip = port().specIn(in);
        return specSerializer(readClassEntry(zip)).loadPortObjectSpec(zip);
    }

    private static void writeClassEntry(final ZipOutputStream zip, final Class<?> cl) throws IOException {
        zip.putNextEntry(new ZipEntry(CLASS_ENTRY));
        zip.write(cl.getName().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static Class<?> readClassEntry(final ZipInputStream zip) throws IOException {
        ZipEntry e = zip.getNextEntry();
        if (e == null || !CLASS_ENTRY.equals(e.getName())) {
            throw new IOException("Not a port object written by ShimAccess (no " + CLASS_ENTRY + ")");
        }
        String name = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
        try {
            ClassLoader ctx = Thread.currentThread().getContextClassLoader();
            return Class.forName(name, true, ctx != null ? ctx : ShimAccess.class.getClassLoader());
        } catch (ClassNotFoundException ex) {
            throw new IOException("Unknown class " + name, ex);
        }
    }

    @SuppressWarnings("unchecked")
    private static PortObjectSerializer<PortObject> objectSerializer(final Class<?> cl) {
        return (PortObjectSerializer<PortObject>)findSerializer(cl, PortObjectSerializer.class,
            "getPortObjectSerializer");
    }

    @SuppressWarnings("unchecked")
    private static PortObjectSpecSerializer<PortObjectSpec> specSerializer(final Class<?> cl) {
        return (PortObjectSpecSerializer<PortObjectSpec>)findSerializer(cl, PortObjectSpecSerializer.class,
            "getPortObjectSpecSerializer");
    }

    private static Object findSerializer(final Class<?> cl, final Class<?> base, final String factoryMethod) {
        for (Class<?> c = cl; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                Method m = c.getMethod(factoryMethod);
                if (Modifier.isStatic(m.getModifiers()) && base.isAssignableFrom(m.getReturnType())) {
                    return m.invoke(null);
                }
            } catch (NoSuchMethodException e) { // NOSONAR try nested classes
                // fall through
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot call " + c.getName() + "." + factoryMethod, e);
            }
            for (Class<?> nested : c.getDeclaredClasses()) {
                int mod = nested.getModifiers();
                if (base.isAssignableFrom(nested) && Modifier.isPublic(mod) && Modifier.isStatic(mod)
                    && !Modifier.isAbstract(mod)) {
                    try {
                        return nested.getConstructor().newInstance();
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException("Cannot instantiate " + nested.getName(), e);
                    }
                }
            }
        }
        throw new IllegalArgumentException("No " + base.getSimpleName() + " found for " + cl.getName()
            + " (expected a public static nested Serializer class or a static " + factoryMethod + "() method)");
    }
}
