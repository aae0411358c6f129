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
import org.vaenodes.knime.prefs.EngineSetup;
import org.vaenodes.knime.util.NodeSettingsGroup;
import org.vaenodes.knime.util.SettingsNodeModel;
import org.vaenodes.engine.io.ModelArchive;
import org.vaenodes.engine.io.ModelFormatException;
import org.vaenodes.engine.model.Dl4jConfigurations;
import org.vaenodes.engine.image.ImageShape;
import org.vaenodes.engine.model.InputDescription;
import org.vaenodes.engine.train.TrainedModel;
import org.vaenodes.engine.model.Vae;
import org.vaenodes.engine.model.VaeConfig;
import org.vaenodes.knime.port.VaeModelPortObject;
import org.vaenodes.knime.port.VaeModelPortObjectSpec;

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
     * The model's spec from the file. A file that does not exist yet gives no spec and no warning: an upstream node
     * may write it (tied to this one by a flow-variable connection, as in testflow 05), and KNIME configures this node
     * again once that node has run. Executing without the file fails, naming it.
     */
    @Override
    protected PortObjectSpec[] configure(PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        settings.checkConsistent();
        settings.requireFile();
        return new PortObjectSpec[] {Files.exists(file()) ? spec(read()) : null};
    }

    @Override
    protected PortObject[] execute(PortObject[] in, ExecutionContext exec) throws Exception {
        ModelArchive.Loaded loaded = readWithWarnings();
        TrainedModel model = adjusted(loaded.model());
        if (!loaded.warnings().isEmpty()) {
            setWarningMessage(String.join("\n", loaded.warnings()));
        }
        return new PortObject[] {new VaeModelPortObject(model, spec(model))};
    }

    private Path file() throws InvalidSettingsException {
        return ModelFiles.resolve(settings.file.getStringValue(), VaeModelReaderSettings.CFG_FILE);
    }

    private TrainedModel read() throws InvalidSettingsException {
        return adjusted(readWithWarnings().model());
    }

    private ModelArchive.Loaded readWithWarnings() throws InvalidSettingsException {
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
            EngineSetup.ensureConfigured(); // reading builds the network in ND4J's memory, maybe its first use
            return ModelArchive.readWithWarnings(in);
        } catch (ModelFormatException e) {
            throw new InvalidSettingsException("Cannot read the VAE model " + p + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new InvalidSettingsException("Cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    /** The model with the dialog's input column and image shape, where set. */
    private TrainedModel adjusted(TrainedModel m) throws InvalidSettingsException {
        InputDescription input = m.input();
        String column = settings.listColumn.getStringValue().trim();
        if (!column.isEmpty()) {
            input = input.withListColumn(column);
        }
        VaeConfig config = m.config();
        int rows = settings.imageRows.getIntValue();
        int cols = settings.imageCols.getIntValue();
        Vae vae = m.vae();
        if (rows > 0 && (rows != config.imageRows() || cols != config.imageCols())) {
            // grey when the pixels fill the input, RGB when three times as many values do
            long pixels = (long) rows * cols;
            int channels = pixels == config.inputSize() ? 1 : 3 * pixels == config.inputSize() ? 3 : 0;
            if (channels == 0) {
                throw new InvalidSettingsException("An image of " + rows + " × " + cols + " pixels does not fit the "
                    + "model's " + config.inputSize() + " inputs, neither grey nor RGB ("
                    + VaeModelReaderSettings.CFG_IMAGE_ROWS + ", " + VaeModelReaderSettings.CFG_IMAGE_COLS + ").");
            }
            vae = Vae.fromParameters(config.withImageShape(new ImageShape(cols, rows, channels)), vae.parameters());
        }
        return new TrainedModel(vae, m.history(), input, m.provenance());
    }

    static VaeModelPortObjectSpec spec(TrainedModel m) {
        VaeConfig c = m.config();
        return new VaeModelPortObjectSpec(m.input(), c.latentSize(), c.likelihood().name().toLowerCase(
            java.util.Locale.ROOT), c.imageShape(), m.provenance().backend(),
            Dl4jConfigurations.whyNotDl4j(c));
    }

    @Override
    protected NodeSettingsGroup settingsGroup() {
        return settings;
    }
}
