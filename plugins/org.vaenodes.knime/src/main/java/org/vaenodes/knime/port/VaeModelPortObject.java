package org.vaenodes.knime.port;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Objects;
import java.util.zip.ZipEntry;

import javax.swing.JComponent;

import org.knime.core.data.util.NonClosableInputStream;
import org.knime.core.data.util.NonClosableOutputStream;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.AbstractPortObject;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortObjectZipInputStream;
import org.knime.core.node.port.PortObjectZipOutputStream;
import org.knime.core.node.port.PortType;
import org.knime.core.node.port.PortTypeRegistry;
import org.vaenodes.engine.io.ModelArchive;
import org.vaenodes.engine.train.TrainedModel;
import org.vaenodes.engine.model.Vae;
import org.vaenodes.knime.prefs.EngineSetup;

/**
 * A trained VAE travelling between nodes. KNIME saves it with the workflow (and its Model Writer/Reader handle it)
 * as one zip entry holding the engine's versioned model archive, so every check of the engine's loader applies.
 * Loading a saved workflow checks the archive whole but builds the network only when a node or view first asks for
 * the model, so opening a workflow neither starts ND4J nor holds networks nobody uses.
 */
public final class VaeModelPortObject extends AbstractPortObject {

    /** Registered in plugin.xml on org.knime.core.PortType. */
    public static final PortType TYPE = PortTypeRegistry.getInstance().getPortType(VaeModelPortObject.class);

    /** The same type for an input that may stay unconnected. */
    public static final PortType TYPE_OPTIONAL =
        PortTypeRegistry.getInstance().getPortType(VaeModelPortObject.class, true);

    /** KNIME finds this serializer reflectively. */
    public static final class Serializer extends AbstractPortObjectSerializer<VaeModelPortObject> {
    }

    static final String ENTRY = "vae-model.zip";

    /** The model; null after {@link #load} until {@link #model()} first reads {@link #archive}. */
    private TrainedModel model;
    /** The archive as loaded, checked but not yet read into a model; null once read. */
    private byte[] archive;
    private VaeModelPortObjectSpec spec;

    /** For KNIME's serializer only. */
    public VaeModelPortObject() {
    }

    public VaeModelPortObject(TrainedModel model, VaeModelPortObjectSpec spec) {
        this.model = Objects.requireNonNull(model);
        this.spec = Objects.requireNonNull(spec);
    }

    /**
     * The trained model; after a load, read from the checked archive on first use (engine set up from the
     * preferences first). A failure there is an archive that passed the load's checks but not the parameters'
     * (e.g. values that are not finite): an IllegalStateException saying so.
     */
    public synchronized TrainedModel model() {
        if (model == null) {
            EngineSetup.ensureConfigured();
            try {
                model = ModelArchive.fromBytes(archive);
            } catch (IOException e) {
                throw new IllegalStateException("The VAE model saved with this workflow cannot be used: "
                    + e.getMessage(), e);
            }
            archive = null;
        }
        return model;
    }

    /** Whether the network has been built (for tests: a load alone does not build it). */
    synchronized boolean networkBuilt() {
        return model != null;
    }

    /**
     * The VAE model at a node's input when it executes, with the engine set up from the preferences (the node may
     * be the engine's first user) and its spec checked as at configure time.
     */
    public static VaeModelPortObject atInput(PortObject in) throws InvalidSettingsException {
        EngineSetup.ensureConfigured();
        VaeModelPortObject model = (VaeModelPortObject) in;
        VaeModelPortObjectSpec.require(model.getSpec());
        return model;
    }

    /**
     * The trained network, checked to have {@code width} values per row as the node using it expects from the model
     * spec's input description (a mismatch means a damaged or hand-edited model).
     */
    public Vae network(int width) throws InvalidSettingsException {
        Vae vae = model().vae();
        if (vae.config().inputSize() != width) {
            throw new InvalidSettingsException("The model's network has " + vae.config().inputSize()
                + " values per row but its input description has " + width + ".");
        }
        return vae;
    }

    @Override
    public VaeModelPortObjectSpec getSpec() {
        return spec;
    }

    @Override
    public String getSummary() {
        return spec.describe();
    }

    @Override
    protected void save(PortObjectZipOutputStream out, ExecutionMonitor exec)
        throws IOException, CanceledExecutionException {
        out.putNextEntry(new ZipEntry(ENTRY));
        synchronized (this) {
            if (model == null) { // loaded and never used: the archive as it was checked
                out.write(archive);
            } else {
                ModelArchive.write(model, new NonClosableOutputStream.Zip(out));
            }
        }
        out.closeEntry();
    }

    @Override
    protected void load(PortObjectZipInputStream in, PortObjectSpec portSpec, ExecutionMonitor exec)
        throws IOException, CanceledExecutionException {
        ZipEntry entry = in.getNextEntry();
        if (entry == null || !ENTRY.equals(entry.getName())) {
            throw new IOException("Not a VAE model port object: expected entry '" + ENTRY + "' but found "
                + (entry == null ? "nothing" : "'" + entry.getName() + "'"));
        }
        byte[] bytes = ModelArchive.readBytes(new NonClosableInputStream.Zip(in));
        ModelArchive.describe(new ByteArrayInputStream(bytes)); // every check but the parameters' values
        archive = bytes;
        model = null;
        spec = (VaeModelPortObjectSpec) portSpec;
    }

    @Override
    public JComponent[] getViews() {
        return VaeModelViews.create(model(), spec);
    }
}
