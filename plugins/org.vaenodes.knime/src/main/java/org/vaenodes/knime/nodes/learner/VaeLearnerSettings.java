package org.vaenodes.knime.nodes.learner;

import org.knime.core.data.DoubleValue;
import org.knime.core.data.IntValue;
import org.knime.core.data.StringValue;
import org.knime.core.data.collection.ListDataValue;
import org.knime.core.data.image.png.PNGImageValue;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelColumnFilter2;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.vaenodes.engine.spec.Activation;
import org.vaenodes.engine.spec.Likelihood;
import org.vaenodes.engine.spec.TrainerChoice;
import org.vaenodes.engine.spec.VaeConfig;
import org.vaenodes.engine.train.TrainingConfig;
import org.vaenodes.knime.data.ImageColour;
import org.vaenodes.knime.util.ChoiceSetting;
import org.vaenodes.knime.util.NodeSettingsGroup;
import org.vaenodes.knime.util.Setting;
import org.vaenodes.knime.util.SettingChoice;

/**
 * Every setting of the VAE Learner: key, default, bounds and validation in one place, shared by model and dialog.
 * Defaults train the classic MNIST VAE (one hidden layer of 400, ReLU, Bernoulli/BCE, Adam 1e-3, batch 128) with a
 * 2-D latent space, so the Latent Grid Renderer works out of the box.
 */
final class VaeLearnerSettings extends NodeSettingsGroup {

    enum InputMode implements SettingChoice {
        LIST("One list column"), COLUMNS("Numeric columns"), IMAGE("PNG image column");

        private final String label;

        InputMode(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    enum MissingValues implements SettingChoice {
        FAIL("Fail, naming the row"), SKIP("Skip the row");

        private final String label;

        MissingValues(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
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

    /** Added while the first release was built, after workflows had been saved without them. */
    private static final String WITH_DL4J_TRAINER = Setting.FIRST_RELEASE + "+dl4j-trainer";
    private static final String WITH_IMAGE_INPUT = Setting.FIRST_RELEASE + "+image-input";

    private static final String DATA = "Data";
    private static final String ARCHITECTURE = "Architecture";
    private static final String TRAINING = "Training";

    final ChoiceSetting<InputMode> inputMode = declare(ChoiceSetting.of(CFG_INPUT_MODE, InputMode.LIST)
        .label("Input").section(DATA)
        .description("<i>One list column</i> (<tt>list</tt>, default): the values come from one list column; "
            + "<i>Numeric columns</i> (<tt>columns</tt>): from the numeric columns chosen in the column filter; "
            + "<i>PNG image column</i> (<tt>image</tt>): from a column of PNG images."));

    final SettingsModelString listColumn = declare(Setting.column(CFG_LIST_COLUMN, false, ListDataValue.class)
        .label("List column").section(DATA).appliesWhen(() -> inputIs(InputMode.LIST))
        .description("The list-of-numbers column (e.g. <i>Pixels</i>). If empty, the first list column of the "
            + "input is chosen (with a warning). All rows must hold lists of the same length."));

    @SuppressWarnings("unchecked")
    final SettingsModelColumnFilter2 columns = declare(Setting.columns(CFG_COLUMNS, DoubleValue.class)
        .label("Columns").section(DATA).appliesWhen(() -> inputIs(InputMode.COLUMNS))
        .description("The numeric columns used when the input is <i>Numeric columns</i>, in table order."));

    final SettingsModelString imageColumn = declare(Setting.column(CFG_IMAGE_COLUMN, false, PNGImageValue.class)
        .label("Image column (PNG)").section(DATA).since(WITH_IMAGE_INPUT).appliesWhen(() -> inputIs(InputMode.IMAGE))
        .description("The PNG image column used when the input is <i>PNG image column</i>. If empty, the first PNG "
            + "image column of the input is chosen (with a warning)."));

    final ChoiceSetting<ImageColour> imageColour = declare(ChoiceSetting.of(CFG_IMAGE_COLOUR, ImageColour.RGB)
        .label("Decode images as").section(DATA).since(WITH_IMAGE_INPUT).appliesWhen(() -> inputIs(InputMode.IMAGE))
        .description("<i>RGB</i> (<tt>rgb</tt>, default): three values per pixel (R, G, B, interleaved); "
            + "<i>Grey</i> (<tt>grey</tt>): one value per pixel, 0.299 R + 0.587 G + 0.114 B. Transparent pixels "
            + "are composited over white; 16-bit PNGs keep their precision (value / 65535)."));

    final SettingsModelString labelColumn = declare(Setting.column(CFG_LABEL_COLUMN, true, IntValue.class,
        StringValue.class)
        .label("Label column (conditional VAE)").section(DATA)
        .description("An integer or string column with the class of each row. Leave at <i>&lt;none&gt;</i> "
            + "(empty, default) for an ordinary VAE."));

    final ChoiceSetting<MissingValues> missingValues = declare(ChoiceSetting.of(CFG_MISSING, MissingValues.FAIL)
        .label("Missing values").section(DATA)
        .description("<i>Fail, naming the row</i> (<tt>fail</tt>, default): stop at the first row with a missing "
            + "input value or label and name it; <i>Skip the row</i> (<tt>skip</tt>): leave such rows out and "
            + "report how many in a warning."));

    final SettingsModelString encoderLayers = declare(Setting.text(CFG_ENCODER_LAYERS, "400", 20)
        .label("Encoder hidden layers").section(ARCHITECTURE).appliesWhen(this::ownArchitecture)
        .description("Sizes of the encoder's hidden layers, comma-separated: <tt>400</tt> (default) or e.g. "
            + "<tt>256,128</tt>. Empty means no hidden layer."));

    final SettingsModelString decoderLayers = declare(Setting.text(CFG_DECODER_LAYERS, "", 20)
        .label("Decoder hidden layers").section(ARCHITECTURE).appliesWhen(this::ownArchitecture)
        .description("Sizes of the decoder's hidden layers; empty (default) mirrors the encoder (<tt>256,128</tt> "
            + "becomes <tt>128,256</tt>)."));

    final SettingsModelIntegerBounded latentSize = declare(Setting.integer(CFG_LATENT_SIZE, 2, 1,
        VaeConfig.MAX_LATENT, 1)
        .label("Latent size").section(ARCHITECTURE).appliesWhen(this::ownArchitecture)
        .description("Dimensions of the latent space (default 2, which can be drawn as a grid; MNIST "
            + "reconstructions get sharper with 10–20)."));

    final ChoiceSetting<Activation> activation = declare(ChoiceSetting.of(CFG_ACTIVATION, Activation.RELU,
        a -> switch (a) {
            case RELU -> "ReLU";
            case LEAKY_RELU -> "Leaky ReLU";
            case TANH -> "tanh";
            case SIGMOID -> "Sigmoid";
            case ELU -> "ELU";
        })
        .label("Activation").section(ARCHITECTURE).appliesWhen(this::ownArchitecture)
        .description("Activation of the hidden layers: <i>ReLU</i> (<tt>relu</tt>, default), <i>Leaky ReLU</i> "
            + "(<tt>leaky-relu</tt>, slope 0.01), <i>tanh</i> (<tt>tanh</tt>), <i>Sigmoid</i> (<tt>sigmoid</tt>) "
            + "or <i>ELU</i> (<tt>elu</tt>)."));

    final ChoiceSetting<Likelihood> likelihood = declare(ChoiceSetting.of(CFG_LIKELIHOOD, Likelihood.BERNOULLI,
        l -> switch (l) {
            case BERNOULLI -> "Bernoulli (binary cross-entropy)";
            case GAUSSIAN -> "Gaussian (squared error)";
        })
        .label("Likelihood").section(ARCHITECTURE).appliesWhen(this::ownArchitecture)
        .description("<i>Bernoulli</i> (<tt>bernoulli</tt>, default): binary cross-entropy, for values in [0, 1] "
            + "such as scaled pixels (values outside fail with a message); <i>Gaussian</i> (<tt>gaussian</tt>): "
            + "squared error, for any real values (a Gaussian with variance ½)."));

    final SettingsModelDoubleBounded beta = declare(Setting.real(CFG_BETA, 1.0, 0.0, 1000.0, 0.1)
        .label("KL weight β").section(ARCHITECTURE).appliesWhen(this::ownArchitecture)
        .description("Weight of the KL term (default 1, the true ELBO). β &gt; 1 gives a smoother, more "
            + "disentangled latent space (β-VAE); β = 0 is a plain autoencoder with noise."));

    final SettingsModelIntegerBounded epochs = declare(Setting.integer(CFG_EPOCHS, 10, 1, 100_000, 1)
        .label("Epochs").section(TRAINING)
        .description("Passes over the training rows (default 10)."));

    final SettingsModelIntegerBounded batchSize = declare(Setting.integer(CFG_BATCH_SIZE, 128, 1, 65_536, 16)
        .label("Batch size").section(TRAINING)
        .description("Rows per Adam step (default 128)."));

    final SettingsModelDoubleBounded learningRate = declare(Setting.real(CFG_LEARNING_RATE, 1e-3, 1e-9, 10.0, 1e-4)
        .label("Learning rate").section(TRAINING)
        .description("Adam's step size (default 0.001). If training reports that the loss became NaN or infinite, "
            + "lower it."));

    final SettingsModelIntegerBounded seed = declare(Setting.integer(CFG_SEED, 42, 0, Integer.MAX_VALUE, 1)
        .label("Seed").section(TRAINING)
        .description("Seeds weight initialisation, shuffling, the validation split and the sampling noise "
            + "(default 42): the same seed and data give the same model on the CPU backend."));

    final SettingsModelDoubleBounded validationPercent = declare(Setting.real(CFG_VALIDATION_PERCENT, 10.0, 0.0,
        90.0, 5)
        .label("Validation (% of rows)").section(TRAINING)
        .description("Percentage of rows (chosen at random with the seed) held out to measure the validation −ELBO "
            + "after each epoch (default 10; 0 = none). When the data is trained in chunks (see above), whole "
            + "blocks of 256 rows are held out, as close to this share as whole blocks allow."));

    final SettingsModelIntegerBounded patience = declare(Setting.integer(CFG_PATIENCE, 0, 0, 100_000, 1)
        .label("Early-stopping patience").section(TRAINING).appliesWhen(() -> validationPercent.getDoubleValue() > 0)
        .description("Stop when the validation loss has not improved for this many epochs, and keep the best "
            + "epoch's weights (default 0 = off; needs a validation split, else disabled and not used)."));

    final SettingsModelBoolean binarize = declare(Setting.flag(CFG_BINARIZE, false)
        .label("Binarize inputs").section(TRAINING).appliesWhen(() -> likelihood.valueOrNull() == Likelihood.BERNOULLI)
        .description("Draw each training value as 0 or 1 with probability equal to the value, anew in every batch "
            + "(common for MNIST with the Bernoulli likelihood; default off). Only with the Bernoulli likelihood."));

    final ChoiceSetting<TrainerChoice> trainer = declare(ChoiceSetting.of(CFG_TRAINER, TrainerChoice.FAST,
        t -> switch (t) {
            case FAST -> "Fast";
            case DL4J -> "DL4J's own (reference)";
        })
        .label("Trainer").section(TRAINING).since(WITH_DL4J_TRAINER).unavailableWhen(this::whyNotTrainer)
        .description("<i>Fast</i> (<tt>fast</tt>, default): the quicker trainer for every model. <i>DL4J's own</i> "
            + "(<tt>dl4j</tt>): DL4J's own training of its VAE layer, the reference (slower on the CPU); both "
            + "minimise the same −ELBO with the same Adam steps. It trains only what DL4J's layer can — no label "
            + "column, at least one encoder hidden layer, β = 1 — so the dialog offers it only then, and the node "
            + "refuses anything else when configured. The model's provenance and the flow variable "
            + "<tt>vae_trainer</tt> record which code ran (README, \"Engine notes\", says what each uses)."));

    VaeLearnerSettings() {
        super(VaeLearnerSettings::new);
    }

    @Override
    public boolean sectionsAsTabs() {
        return true;
    }

    /**
     * Whether the architecture settings are used: not when a starting model is connected (in the dialog), whose own
     * network is trained on.
     */
    private boolean ownArchitecture() {
        return !inputConnected(StartingModel.PORT);
    }

    private boolean inputIs(InputMode mode) {
        return inputMode.valueOrNull() == mode;
    }

    /** Rules that span settings, or parse text; run by validate and again at configure. */
    @Override
    public void checkConsistent() throws InvalidSettingsException {
        inputMode.value();
        imageColour.value();
        missingValues.value();
        activation.value();
        likelihood.value();
        encoderHidden();
        decoderHidden();
        TrainerChoice choice = trainer.value();
        String why = choice.whyNot(outline());
        if (why != null) {
            throw new InvalidSettingsException("The " + choice.id() + " trainer (" + CFG_TRAINER + " = " + choice.id()
                + ") cannot train this model: " + why + ". Choose the fast trainer, or change the model.");
        }
    }

    /** Why a trainer cannot train the network the settings describe now, or null (for the dialog). */
    private String whyNotTrainer(TrainerChoice choice) {
        try {
            return choice.whyNot(outline());
        } catch (InvalidSettingsException e) {
            return null; // the settings' own error is reported when they are applied
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

    /** Binarization where it applies (the Bernoulli likelihood); elsewhere the setting is not used. */
    boolean binarizeInputs() throws InvalidSettingsException {
        return binarize.getBooleanValue() && likelihood.value() == Likelihood.BERNOULLI;
    }

    boolean conditional() {
        return !NO_LABEL.equals(labelColumn.getStringValue());
    }

    TrainingConfig trainingConfig() throws InvalidSettingsException {
        return trainingConfig(binarizeInputs());
    }

    /** The training settings with binarization as decided for the network trained (a starting model decides it). */
    TrainingConfig trainingConfig(boolean binarizeInputs) throws InvalidSettingsException {
        return new TrainingConfig(epochs.getIntValue(), batchSize.getIntValue(), learningRate.getDoubleValue(),
            seed.getIntValue(), validationPercent.getDoubleValue() / 100.0, patience.getIntValue(),
            binarizeInputs, trainer.value());
    }

    private static int[] layers(String text, String key) throws InvalidSettingsException {
        try {
            return VaeConfig.parseLayers(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException("Setting '" + key + "': " + e.getMessage(), e);
        }
    }
}
