package org.vaenodes.knime.nodes.encoder;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.image.png.PNGImageContent;

/**
 * The columns the encoder appends, in order: z_mean_*, then (if chosen) z_logvar_*, z_sample_*, neg_elbo,
 * recon_log_prob and the Reconstruction image. Names that already exist in the input get KNIME's " (#1)" suffix.
 */
record EncoderLayout(int latent, boolean logVar, boolean sample, boolean negElbo, boolean anomaly, boolean image) {

    static final String Z_MEAN_PREFIX = "z_mean_";
    static final String Z_LOGVAR_PREFIX = "z_logvar_";
    static final String Z_SAMPLE_PREFIX = "z_sample_";
    static final String NEG_ELBO = "neg_elbo";
    static final String RECON_LOG_PROB = "recon_log_prob";
    static final String RECONSTRUCTION = "Reconstruction";

    /** Number of appended columns. */
    int width() {
        return latent * (1 + (logVar ? 1 : 0) + (sample ? 1 : 0)) + (negElbo ? 1 : 0) + (anomaly ? 1 : 0)
            + (image ? 1 : 0);
    }

    /** The input spec followed by the appended columns: the node's output. */
    DataTableSpec spec(DataTableSpec in) {
        return new DataTableSpec(in, appendedSpec(in));
    }

    /** The appended columns alone, named so they do not clash with the input's. */
    DataTableSpec appendedSpec(DataTableSpec in) {
        List<DataColumnSpec> cols = new ArrayList<>(width());
        addLatent(cols, in, Z_MEAN_PREFIX);
        if (logVar) {
            addLatent(cols, in, Z_LOGVAR_PREFIX);
        }
        if (sample) {
            addLatent(cols, in, Z_SAMPLE_PREFIX);
        }
        if (negElbo) {
            cols.add(column(in, NEG_ELBO, DoubleCell.TYPE));
        }
        if (anomaly) {
            cols.add(column(in, RECON_LOG_PROB, DoubleCell.TYPE));
        }
        if (image) {
            cols.add(column(in, RECONSTRUCTION, PNGImageContent.TYPE));
        }
        return new DataTableSpec(cols.toArray(DataColumnSpec[]::new));
    }

    private void addLatent(List<DataColumnSpec> cols, DataTableSpec in, String prefix) {
        for (int j = 0; j < latent; j++) {
            cols.add(column(in, prefix + j, DoubleCell.TYPE));
        }
    }

    private static DataColumnSpec column(DataTableSpec in, String name, DataType type) {
        return new DataColumnSpecCreator(DataTableSpec.getUniqueColumnName(in, name), type).createSpec();
    }
}
