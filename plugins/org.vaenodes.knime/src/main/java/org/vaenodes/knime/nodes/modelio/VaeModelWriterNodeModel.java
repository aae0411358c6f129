package org.vaenodes.knime.nodes.modelio;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;
import org.vaenodes.engine.io.ModelArchive;
import org.vaenodes.engine.spec.Dl4jCompatibility;
import org.vaenodes.engine.train.TrainedModel;
import org.vaenodes.knime.port.VaeModelPortObject;
import org.vaenodes.knime.port.VaeModelPortObjectSpec;
import org.vaenodes.knime.util.NodeSettingsGroup;
import org.vaenodes.knime.util.SettingsNodeModel;

/**
 * VAE Model Writer: writes the model as a Deeplearning4j model zip (plus our metadata), which any DL4J program loads
 * with {@code ModelSerializer.restoreMultiLayerNetwork}. The file is written next to its target and moved into place,
 * so a failed or cancelled write never leaves a half-written or destroyed file.
 */
final class VaeModelWriterNodeModel extends SettingsNodeModel {

    private final VaeModelWriterSettings settings = new VaeModelWriterSettings();

    VaeModelWriterNodeModel() {
        super(new PortType[] {VaeModelPortObject.TYPE}, new PortType[0]);
    }

    @Override
    protected PortObjectSpec[] configure(PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        settings.checkConsistent();
        settings.requireFile();
        VaeModelPortObjectSpec spec = VaeModelPortObjectSpec.require(inSpecs[0]);
        String why = spec.whyNotDl4j() != null ? spec.whyNotDl4j()
            : Dl4jCompatibility.whyNot(spec.isConditional(), 1); // a spec written before it said so
        if (why != null) {
            throw notDl4j(why);
        }
        Path target = ModelFiles.resolve(settings.file.getStringValue(), VaeModelWriterSettings.CFG_FILE);
        if (Files.exists(target) && !settings.overwrite.getBooleanValue()) {
            setWarningMessage("The file " + target + " exists and will not be overwritten: executing fails unless "
                + "'Overwrite' (" + VaeModelWriterSettings.CFG_OVERWRITE + ") is on.");
        }
        return new PortObjectSpec[0];
    }

    @Override
    protected PortObject[] execute(PortObject[] in, ExecutionContext exec) throws Exception {
        TrainedModel model = VaeModelPortObject.atInput(in[0]).model();
        String why = Dl4jCompatibility.whyNot(model.config());
        if (why != null) {
            throw notDl4j(why);
        }
        Path target = ModelFiles.resolve(settings.file.getStringValue(), VaeModelWriterSettings.CFG_FILE);
        if (Files.exists(target) && !settings.overwrite.getBooleanValue()) {
            throw new InvalidSettingsException("The file " + target + " exists. Switch on 'Overwrite' ("
                + VaeModelWriterSettings.CFG_OVERWRITE + ") to replace it, or choose another file.");
        }
        if (Files.isDirectory(target)) {
            throw new InvalidSettingsException(target + " is a folder; choose a file name (.zip).");
        }
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // a fresh name beside the target (not createTempFile: its owner-only permissions would stay on the model)
        Path tmp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
        try {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
                ModelArchive.write(model, out);
            }
            exec.checkCanceled();
            moveIntoPlace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return new PortObject[0];
    }

    private static InvalidSettingsException notDl4j(String why) {
        return new InvalidSettingsException("The model is " + why + ", so it cannot be written as a DL4J model file. "
            + "Save it with KNIME's Model Writer instead.");
    }

    private static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    protected NodeSettingsGroup settingsGroup() {
        return settings;
    }
}
