package org.vaenodes.knime.nodes.modelio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;
import org.vaenodes.engine.image.ImageShape;
import org.vaenodes.engine.io.ModelArchive;
import org.vaenodes.engine.io.ModelFormatException;
import org.vaenodes.engine.model.Vae;
import org.vaenodes.engine.spec.Dl4jCompatibility;
import org.vaenodes.engine.spec.InputDescription;
import org.vaenodes.engine.spec.VaeConfig;
import org.vaenodes.engine.train.TrainedModel;
import org.vaenodes.knime.port.VaeModelPortObject;
import org.vaenodes.knime.port.VaeModelPortObjectSpec;
import org.vaenodes.knime.prefs.EngineSetup;
import org.vaenodes.knime.util.NodeSettingsGroup;
import org.vaenodes.knime.util.SettingsNodeModel;

/**
 * VAE Model Reader: reads a model file written by the VAE Model Writer, or a VAE zip saved by DL4J itself, into a
 * VAE model port. A file that exists is read at configure time too, so downstream nodes know the model's spec before
 * anything runs; every check of the engine's loader (sizes, entry names, allowed types) applies.
 */
final class VaeModelReaderNodeModel extends SettingsNodeModel {

    private final VaeModelReaderSettings settings = new VaeModelReaderSettings();

    VaeModelReaderNodeModel() {
        super(new PortType[0], new PortType[] {VaeModelPortObject.TYPE});
    }

    /**
     * The model's spec from the file's small entries (the network is built at execute). A file that does not exist
     * yet gives no spec and no warning: an upstream node may write it (tied to this one by a flow-variable
     * connection, as in testflow 05), and KNIME configures this node again once that node has run. Executing without
     * the file fails, naming it.
     */
    @Override
    protected PortObjectSpec[] configure(PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        settings.checkConsistent();
        settings.requireFile();
        if (!Files.exists(file())) {
            return new PortObjectSpec[] {null};
        }
        ModelArchive.Described d = readFile(ModelArchive::describe);
        return new PortObjectSpec[] {spec(adjusted(d.input()), adjusted(d.config()), d.backend())};
    }

    @Override
    protected PortObject[] execute(PortObject[] in, ExecutionContext exec) throws Exception {
        EngineSetup.ensureConfigured(); // reading builds the network in ND4J's memory, maybe its first use
        ModelArchive.Loaded loaded = readFile(ModelArchive::readWithWarnings);
        TrainedModel read = loaded.model();
        VaeConfig config = adjusted(read.config());
        Vae vae = config.equals(read.config()) ? read.vae() : Vae.fromParameters(config, read.vae().parameters());
        TrainedModel model = new TrainedModel(vae, read.history(), adjusted(read.input()), read.provenance());
        if (!loaded.warnings().isEmpty()) {
            setWarningMessage(String.join("\n", loaded.warnings()));
        }
        return new PortObject[] {new VaeModelPortObject(model, spec(model.input(), config,
            model.provenance().backend()))};
    }

    private Path file() throws InvalidSettingsException {
        return ModelFiles.resolve(settings.file.getStringValue(), VaeModelReaderSettings.CFG_FILE);
    }

    /** What {@code how} makes of the model file; a missing, unreadable or invalid file is named. */
    private <T> T readFile(ModelReading<T> how) throws InvalidSettingsException {
        Path p = file();
        if (Files.isDirectory(p)) {
            throw new InvalidSettingsException(p + " is a folder (" + VaeModelReaderSettings.CFG_FILE
                + "): choose a model file (.zip).");
        }
        if (!Files.isRegularFile(p)) {
            throw new InvalidSettingsException("The model file " + p + " does not exist (" + VaeModelReaderSettings.CFG_FILE
                + ").");
        }
        try (InputStream in = Files.newInputStream(p)) {
            return how.read(in);
        } catch (ModelFormatException e) {
            throw new InvalidSettingsException("Cannot read the VAE model " + p + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new InvalidSettingsException("Cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    /** One way of reading a model file. */
    private interface ModelReading<T> {
        T read(InputStream in) throws IOException;
    }

    /** The input with the dialog's column, where set. */
    private InputDescription adjusted(InputDescription input) {
        String column = settings.listColumn.getStringValue().trim();
        return column.isEmpty() ? input : input.withListColumn(column);
    }

    /** The configuration with the dialog's image shape, where set: grey if the pixels fill the input, else RGB. */
    private VaeConfig adjusted(VaeConfig config) throws InvalidSettingsException {
        int rows = settings.imageRows.getIntValue();
        int cols = settings.imageCols.getIntValue();
        if (rows <= 0 || rows == config.imageRows() && cols == config.imageCols()) {
            return config;
        }
        long pixels = (long) rows * cols;
        int channels = pixels == config.inputSize() ? 1 : 3 * pixels == config.inputSize() ? 3 : 0;
        if (channels == 0) {
            throw new InvalidSettingsException("An image of " + rows + " × " + cols + " pixels does not fit the "
                + "model's " + config.inputSize() + " inputs, neither grey nor RGB ("
                + VaeModelReaderSettings.CFG_IMAGE_ROWS + ", " + VaeModelReaderSettings.CFG_IMAGE_COLS + ").");
        }
        return config.withImageShape(new ImageShape(cols, rows, channels));
    }

    private static VaeModelPortObjectSpec spec(InputDescription input, VaeConfig c, String backend) {
        return new VaeModelPortObjectSpec(input, c.latentSize(), c.likelihood().name().toLowerCase(
            java.util.Locale.ROOT), c.imageShape(), backend, Dl4jCompatibility.whyNot(c));
    }

    @Override
    protected NodeSettingsGroup settingsGroup() {
        return settings;
    }
}
