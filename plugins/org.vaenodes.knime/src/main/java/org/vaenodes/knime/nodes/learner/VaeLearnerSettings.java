package org.vaenodes.knime.nodes.learner;

import java.util.List;
import java.util.Map;

import org.knime.core.data.DoubleValue;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelColumnFilter2;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.vaenodes.engine.model.Activation;
import org.vaenodes.engine.model.Likelihood;
import org.vaenodes.engine.model.TrainerChoice;
import org.vaenodes.engine.model.VaeConfig;
import org.vaenodes.engine.train.TrainingConfig;
import org.vaenodes.knime.data.ImageColour;
import org.vaenodes.knime.util.NodeSettingsGroup;
import org.vaenodes.knime.util.ChoiceSetting;
import org.vaenodes.knime.util.SettingChoice;

/**
 * Every setting of the VAE Learner: key, default, bounds and validation in one place, shared by model and dialog.
 * Defaults train the classic MNIST VAE (one hidden layer of 400, ReLU, Bernoulli/BCE, Adam 1e-3, batch 128) with a
 * 2-D latent space, so the Latent Grid Renderer works out of the box.
 */
final class VaeLearnerSettings extends NodeSettingsGroup {

    enum InputMode implements SettingChoice {
        LIST, COLUMNS, IMAGE;
    }

    enum MissingValues implements SettingChoice {
        FAIL, SKIP;
    }

    static final String CFG_INPUT_MODE = "input_mode";
    static final String CFG_LIST_COLUMN = "list_column";
    static final String CFG_COLUMNS = "columns";
    static final String CFG_IMAGE_COLUMN = "image_column";
    static final String CFG_IMAGE_COLOUR = "image_colour";
    static final String CFG_LABEL_COLUMN = "label_column";
    static final String CFG_MISSING = "missing_values";
    static final String CFG_ENCODER_LAYERS = "encoder_layers";
    static final String CFG_DECODER_LAYERS = "decoder_layers";
    static final String CFG_LATENT_SIZE = "latent_size";
    static final String CFG_ACTIVATION = "activation";
    static final String CFG_LIKELIHOOD = "likelihood";
    static final String CFG_BETA = "beta";
    static final String CFG_EPOCHS = "epochs";
    static final String CFG_BATCH_SIZE = "batch_size";
    static final String CFG_LEARNING_RATE = "learning_rate";
    static final String CFG_SEED = "seed";
    static final String CFG_VALIDATION_PERCENT = "validation_percent";
    static final String CFG_PATIENCE = "early_stopping_patience";
    static final String CFG_BINARIZE = "binarize";
    static final String CFG_TRAINER = "trainer";

    /** The label setting's value meaning "no label column: an ordinary, unconditional VAE". */
    static final String NO_LABEL = "";

    final ChoiceSetting<InputMode> inputMode = new ChoiceSetting<>(CFG_INPUT_MODE, InputMode.LIST);
    final SettingsModelString listColumn = new SettingsModelString(CFG_LIST_COLUMN, "");
    @SuppressWarnings("unchecked")
    final SettingsModelColumnFilter2 columns = new SettingsModelColumnFilter2(CFG_COLUMNS, DoubleValue.class);
    final SettingsModelString imageColumn = new SettingsModelString(CFG_IMAGE_COLUMN, "");
    final ChoiceSetting<ImageColour> imageColour = new ChoiceSetting<>(CFG_IMAGE_COLOUR, ImageColour.RGB);
    final SettingsModelString labelColumn = new SettingsModelString(CFG_LABEL_COLUMN, NO_LABEL);
    final ChoiceSetting<MissingValues> missingValues = new ChoiceSetting<>(CFG_MISSING, MissingValues.FAIL);

    final SettingsModelString encoderLayers = new SettingsModelString(CFG_ENCODER_LAYERS, "400");
    final SettingsModelString decoderLayers = new SettingsModelString(CFG_DECODER_LAYERS, "");
    final SettingsModelIntegerBounded latentSize =
        new SettingsModelIntegerBounded(CFG_LATENT_SIZE, 2, 1, VaeConfig.MAX_LATENT);
    final ChoiceSetting<Activation> activation = new ChoiceSetting<>(CFG_ACTIVATION, Activation.RELU);
    final ChoiceSetting<Likelihood> likelihood = new ChoiceSetting<>(CFG_LIKELIHOOD, Likelihood.BERNOULLI);
    final SettingsModelDoubleBounded beta = new SettingsModelDoubleBounded(CFG_BETA, 1.0, 0.0, 1000.0);

    final SettingsModelIntegerBounded epochs = new SettingsModelIntegerBounded(CFG_EPOCHS, 10, 1, 100_000);
    final SettingsModelIntegerBounded batchSize = new SettingsModelIntegerBounded(CFG_BATCH_SIZE, 128, 1, 65_536);
    final SettingsModelDoubleBounded learningRate =
        new SettingsModelDoubleBounded(CFG_LEARNING_RATE, 1e-3, 1e-9, 10.0);
    final SettingsModelIntegerBounded seed = new SettingsModelIntegerBounded(CFG_SEED, 42, 0, Integer.MAX_VALUE);
    final SettingsModelDoubleBounded validationPercent =
        new SettingsModelDoubleBounded(CFG_VALIDATION_PERCENT, 10.0, 0.0, 90.0);
    final SettingsModelIntegerBounded patience = new SettingsModelIntegerBounded(CFG_PATIENCE, 0, 0, 100_000);
    final SettingsModelBoolean binarize = new SettingsModelBoolean(CFG_BINARIZE, false);
    final ChoiceSetting<TrainerChoice> trainer = new ChoiceSetting<>(CFG_TRAINER, TrainerChoice.FAST);

    VaeLearnerSettings() {
        super(VaeLearnerSettings::new);
    }

    @Override
    protected List<SettingsModel> models() {
        return List.of(inputMode.model(), listColumn, columns, imageColumn, imageColour.model(), labelColumn, missingValues.model(), encoderLayers,
            decoderLayers, latentSize, activation.model(), likelihood.model(), beta, epochs, batchSize, learningRate,
            seed, validationPercent, patience, binarize, trainer.model());
    }

    /**
     * The trainer choice came with the DL4J network: older workflows lack it and train with the fast one.
     * Image cells as input came with colour models.
     */
    @Override
    protected Map<String, SettingsModel> addedLater() {
        return Map.of(CFG_TRAINER, trainer.model(), CFG_IMAGE_COLUMN, imageColumn, CFG_IMAGE_COLOUR,
            imageColour.model());
    }

    /** Rules that span settings, or parse text; run by validate and again at configure. */
    @Override
    public void checkConsistent() throws InvalidSettingsException {
        inputMode.value();
        imageColour.value();
        missingValues.value();
        activation.value();
        Likelihood l = likelihood.value();
        encoderHidden();
        decoderHidden();
        if (binarize.getBooleanValue() && l != Likelihood.BERNOULLI) {
            throw new InvalidSettingsException("Binarization (" + CFG_BINARIZE + ") only makes sense with the "
                + "bernoulli likelihood; switch it off or choose bernoulli.");
        }
        TrainerChoice choice = trainer.value();
        String why = choice.whyNot(outline());
        if (why != null) {
            throw new InvalidSettingsException("The " + choice.id() + " trainer (" + CFG_TRAINER + " = " + choice.id()
                + ") cannot train this model: " + why + ". Choose the fast trainer, or change the model.");
        }
    }

    /** The network as far as the settings describe it; the trainer's rule does not depend on the input size. */
    private VaeConfig outline() throws InvalidSettingsException {
        try {
            return VaeConfig.of(1, encoderHidden(), latentSize.getIntValue()).withDecoderHidden(decoderHidden())
                .withBeta(beta.getDoubleValue()).withNumClasses(conditional() ? 2 : 0);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }

    int[] encoderHidden() throws InvalidSettingsException {
        return layers(encoderLayers.getStringValue(), CFG_ENCODER_LAYERS);
    }

    /** Empty means "mirror the encoder". */
    int[] decoderHidden() throws InvalidSettingsException {
        String text = decoderLayers.getStringValue();
        return text == null || text.isBlank() ? null : layers(text, CFG_DECODER_LAYERS);
    }

    boolean conditional() {
        return !NO_LABEL.equals(labelColumn.getStringValue());
    }

    TrainingConfig trainingConfig() throws InvalidSettingsException {
        return new TrainingConfig(epochs.getIntValue(), batchSize.getIntValue(), learningRate.getDoubleValue(),
            seed.getIntValue(), validationPercent.getDoubleValue() / 100.0, patience.getIntValue(),
            binarize.getBooleanValue(), trainer.value());
    }

    private static int[] layers(String text, String key) throws InvalidSettingsException {
        try {
            return VaeConfig.parseLayers(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException("Setting '" + key + "': " + e.getMessage(), e);
        }
    }
}
