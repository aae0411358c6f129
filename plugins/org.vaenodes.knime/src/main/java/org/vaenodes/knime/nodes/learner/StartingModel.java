package org.vaenodes.knime.nodes.learner;

import java.util.Objects;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.InvalidSettingsException;
import org.vaenodes.engine.image.ImageShape;
import org.vaenodes.engine.spec.InputDescription;
import org.vaenodes.engine.spec.Likelihood;
import org.vaenodes.engine.spec.TrainerChoice;
import org.vaenodes.knime.data.InputColumns;
import org.vaenodes.knime.nodes.learner.VaeLearnerSettings.InputMode;
import org.vaenodes.knime.port.VaeModelPortObjectSpec;
import org.vaenodes.knime.util.SettingChoice;

/**
 * The Learner's optional model input (warm start): training goes on from that model's weights, with its architecture
 * and its input — the Learner's architecture settings are not used, and a data setting that names something else than
 * the model reads is refused, naming both. A setting left empty (choose automatically) never conflicts.
 */
final class StartingModel {

    /** Index of the optional model input among the node's data ports. */
    static final int PORT = 1;

    /** How messages name the input (as KNIME numbers ports for users: the table is input 1). */
    private static final String WHERE = "the model at input 2";

    private StartingModel() {
    }

    /**
     * Checks the settings against the starting model and returns the columns of {@code table} the model reads.
     *
     * @throws InvalidSettingsException naming the setting's value and the model's when they conflict, or the table
     *         lacks what the model reads
     */
    static InputColumns check(VaeLearnerSettings s, VaeModelPortObjectSpec model, DataTableSpec table)
        throws InvalidSettingsException {
        InputDescription in = model.input();
        checkInput(s, in, model.imageShape());
        checkLabel(s, in);
        if (s.binarize.getBooleanValue() && !bernoulli(model)) {
            throw new InvalidSettingsException(VaeLearnerSettings.CFG_BINARIZE + " is on, but " + WHERE + " has the "
                + model.likelihood() + " likelihood: binarization needs the Bernoulli one. Switch it off.");
        }
        if (s.trainer.value() == TrainerChoice.DL4J && model.whyNotDl4j() != null) {
            throw new InvalidSettingsException(VaeLearnerSettings.CFG_TRAINER + " is dl4j, but DL4J's trainer cannot"
                + " train " + WHERE + ": " + model.whyNotDl4j() + ". Choose the fast trainer.");
        }
        return InputColumns.forModel(table, in, model.imageShape());
    }

    /** Binarization as it applies to the starting model: set, and the model's likelihood is Bernoulli. */
    static boolean binarize(VaeLearnerSettings s, VaeModelPortObjectSpec model) {
        return s.binarize.getBooleanValue() && bernoulli(model);
    }

    private static boolean bernoulli(VaeModelPortObjectSpec model) {
        return SettingChoice.idOf(Likelihood.BERNOULLI).equals(model.likelihood());
    }

    /** The spec of the model the Learner will train: the starting model's, not yet trained again. */
    static VaeModelPortObjectSpec outputSpec(VaeModelPortObjectSpec model) {
        return new VaeModelPortObjectSpec(model.input(), model.latentSize(), model.likelihood(), model.imageShape(),
            "", model.whyNotDl4j());
    }

    private static void checkInput(VaeLearnerSettings s, InputDescription in, ImageShape image)
        throws InvalidSettingsException {
        InputMode reads = in.listColumn() != null ? InputMode.LIST
            : in.imageColumn() != null ? InputMode.IMAGE : InputMode.COLUMNS;
        InputMode set = s.inputMode.value();
        if (set != reads) {
            throw conflict(VaeLearnerSettings.CFG_INPUT_MODE + " is " + SettingChoice.idOf(set), "reads "
                + reads(in) + "; set " + VaeLearnerSettings.CFG_INPUT_MODE + " to " + SettingChoice.idOf(reads));
        }
        if (set == InputMode.LIST) {
            named(VaeLearnerSettings.CFG_LIST_COLUMN, s.listColumn.getStringValue(), in.listColumn(), in);
        } else if (set == InputMode.IMAGE) {
            named(VaeLearnerSettings.CFG_IMAGE_COLUMN, s.imageColumn.getStringValue(), in.imageColumn(), in);
            int channels = s.imageColour.value().mode().channels();
            if (image != null && image.channels() != channels) {
                throw conflict(VaeLearnerSettings.CFG_IMAGE_COLOUR + " is " + SettingChoice.idOf(s.imageColour.value()),
                    "draws images of " + image.channels() + " channel(s) (" + image.describe() + ")");
            }
        }
    }

    /** A column setting that names another column than the model reads; empty means "choose", so it fits. */
    private static void named(String key, String value, String modelColumn, InputDescription in)
        throws InvalidSettingsException {
        if (value != null && !value.isEmpty() && !value.equals(modelColumn)) {
            throw conflict(key + " is '" + value + "'", "reads " + reads(in));
        }
    }

    private static void checkLabel(VaeLearnerSettings s, InputDescription in) throws InvalidSettingsException {
        String set = s.labelColumn.getStringValue();
        String modelLabel = in.labelColumn();
        if (!Objects.equals(s.conditional() ? set : null, modelLabel)) {
            throw conflict(VaeLearnerSettings.CFG_LABEL_COLUMN + " is " + (s.conditional() ? "'" + set + "'"
                : "<none>"), modelLabel == null ? "is not conditioned on a label" : "is conditioned on '" + modelLabel
                    + "'");
        }
    }

    private static String reads(InputDescription in) {
        return "the " + in.describeSource();
    }

    private static InvalidSettingsException conflict(String setting, String model) {
        return new InvalidSettingsException("The settings do not fit " + WHERE + ", whose weights training continues"
            + " from: " + setting + ", but the model " + model + ".");
    }
}
