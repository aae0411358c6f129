package org.vaenodes.knime.nodes.modelio;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.util.FileUtil;

/** The file setting of the model writer and reader: a local path or a {@code file:}/{@code knime:} URL. */
final class ModelFiles {

    private ModelFiles() {
    }

    /** The local path a location names; knime:// URLs resolve against the workflow or mount point. */
    static Path resolve(String location, String key) throws InvalidSettingsException {
        if (location == null || location.isBlank()) {
            throw new InvalidSettingsException("No file is set (" + key + "): choose a model file (.zip).");
        }
        try {
            Path p = FileUtil.resolveToPath(FileUtil.toURL(location.trim()));
            if (p == null) {
                throw new InvalidSettingsException("'" + location + "' (" + key + ") is not a local file; the VAE "
                    + "model nodes read and write local files, file: and knime: URLs.");
            }
            return p;
        } catch (IOException | URISyntaxException | InvalidPathException e) {
            throw new InvalidSettingsException("'" + location + "' (" + key + ") is not a valid file location: "
                + e.getMessage(), e);
        }
    }
}
