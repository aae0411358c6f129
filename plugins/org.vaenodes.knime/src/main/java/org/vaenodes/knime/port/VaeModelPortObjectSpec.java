package org.vaenodes.knime.port;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.ModelContentRO;
import org.knime.core.node.ModelContentWO;
import org.knime.core.node.port.AbstractSimplePortObjectSpec;
import org.knime.core.node.port.PortObjectSpec;
import org.vaenodes.engine.image.ImageShape;
import org.vaenodes.engine.spec.InputDescription;

/**
 * What downstream nodes may rely on before a VAE model exists: which input it reads, its latent size, the labels
 * it is conditioned on, its likelihood and (after training) the backend that trained it. Before its learner has run,
 * a spec knows what the learner's settings and input spec say: no label values or backend yet, and the values per
 * row (so the image shape) only if they are value columns or a list column that declares its length.
 */
public final class VaeModelPortObjectSpec extends AbstractSimplePortObjectSpec {

    /** KNIME instantiates specs reflectively through this serializer and the no-arg constructor. */
    public static final class Serializer extends AbstractSimplePortObjectSpecSerializer<VaeModelPortObjectSpec> {
    }

    /** The keys this spec saves under: each constant's name in lower case (LIST_COLUMN → list_column). */
    private enum Key {
        LIST_COLUMN, LIST_LENGTH, COLUMNS, LABEL_COLUMN, LABEL_VALUES, INTEGER_LABELS, LATENT_SIZE, LIKELIHOOD,
        IMAGE_ROWS, IMAGE_COLS, IMAGE_CHANNELS, IMAGE_COLUMN, BACKEND, NOT_DL4J_REASON;

        final String id = name().toLowerCase(java.util.Locale.ROOT);
    }

    private InputDescription input;
    private int latentSize;
    private String likelihood;
    /** Null if the rows are not images (or not yet known to be). */
    private ImageShape image;
    private String backend;
    /** Empty when the model is a DL4J network, else why it is not. */
    private String notDl4jReason;

    /** For KNIME's serializer only. */
    public VaeModelPortObjectSpec() {
        this(InputDescription.ofColumns(List.of()), 0, "", null, "");
    }

    /**
     * @param backend the ND4J backend that trained the model, or "" while not yet trained
     */
    public VaeModelPortObjectSpec(InputDescription input, int latentSize, String likelihood, ImageShape image,
        String backend) {
        this(input, latentSize, likelihood, image, backend, null);
    }

    /**
     * @param backend the ND4J backend that trained the model, or "" while not yet trained
     * @param whyNotDl4j null if the model is (or will be) a DL4J network, else why not
     */
    public VaeModelPortObjectSpec(InputDescription input, int latentSize, String likelihood, ImageShape image,
        String backend, String whyNotDl4j) {
        this.notDl4jReason = whyNotDl4j == null ? "" : whyNotDl4j;
        this.input = Objects.requireNonNull(input);
        this.latentSize = latentSize;
        this.likelihood = Objects.requireNonNull(likelihood);
        this.image = image;
        this.backend = Objects.requireNonNull(backend);
    }

    public InputDescription input() {
        return input;
    }

    public int latentSize() {
        return latentSize;
    }

    public String likelihood() {
        return likelihood;
    }

    public boolean isImage() {
        return image != null;
    }

    /** The shape of the images the model draws, or null if its rows are no images. */
    public ImageShape imageShape() {
        return image;
    }

    /** Image height, or 0. */
    public int imageRows() {
        return image == null ? 0 : image.height();
    }

    /** Image width, or 0. */
    public int imageCols() {
        return image == null ? 0 : image.width();
    }

    /** True for a conditional VAE (a label column was used in training). */
    public boolean isConditional() {
        return input.labelColumn() != null;
    }

    public String backend() {
        return backend;
    }

    /** Null if the model is a DL4J network (DL4J model files can hold it), else why not. */
    public String whyNotDl4j() {
        return notDl4jReason.isEmpty() ? null : notDl4jReason;
    }

    /** Whether the values per row are known, and with them whether the model draws images ({@link #isImage()}). */
    public boolean knowsImageShape() {
        return input.width() > 0;
    }

    /** Whether the label values of a conditional model are known (they are learnt in training). */
    public boolean knowsLabels() {
        return !isConditional() || !input.labelValues().isEmpty();
    }

    /** The VAE model spec at a node's model input, or a clear configure error when there is none. */
    public static VaeModelPortObjectSpec require(PortObjectSpec spec) throws InvalidSettingsException {
        if (!(spec instanceof VaeModelPortObjectSpec m)) {
            throw new InvalidSettingsException("No VAE model at the model input: connect a VAE Learner (or a Model"
                + " Reader holding a VAE model).");
        }
        if (m.latentSize() < 1) {
            throw new InvalidSettingsException("The VAE model at the input has no latent dimensions; it does not"
                + " look like a trained model.");
        }
        return m;
    }

    /**
     * Class index of a label chosen in a node setting (e.g. which digit to draw); empty means the model's first
     * label.
     */
    public int classOfLabelSetting(String label, String settingKey) throws InvalidSettingsException {
        List<String> values = input.labelValues();
        if (label == null || label.isBlank()) {
            return 0;
        }
        int k = values.indexOf(label.trim());
        if (k < 0) {
            throw new InvalidSettingsException("Label '" + label + "' (" + settingKey + ") is not one the model was "
                + "trained on; it knows " + values + ".");
        }
        return k;
    }

    @Override
    protected void save(ModelContentWO model) {
        model.addString(Key.LIST_COLUMN.id, input.listColumn());
        model.addString(Key.IMAGE_COLUMN.id, input.imageColumn());
        model.addInt(Key.LIST_LENGTH.id, input.listLength());
        model.addStringArray(Key.COLUMNS.id, input.columnNames().toArray(String[]::new));
        model.addString(Key.LABEL_COLUMN.id, input.labelColumn());
        model.addStringArray(Key.LABEL_VALUES.id, input.labelValues().toArray(String[]::new));
        model.addBoolean(Key.INTEGER_LABELS.id, input.integerLabels());
        model.addInt(Key.LATENT_SIZE.id, latentSize);
        model.addString(Key.LIKELIHOOD.id, likelihood);
        model.addInt(Key.IMAGE_ROWS.id, imageRows());
        model.addInt(Key.IMAGE_COLS.id, imageCols());
        model.addInt(Key.IMAGE_CHANNELS.id, image == null ? 0 : image.channels());
        model.addString(Key.BACKEND.id, backend);
        model.addString(Key.NOT_DL4J_REASON.id, notDl4jReason);
    }

    @Override
    protected void load(ModelContentRO model) throws InvalidSettingsException {
        input = new InputDescription(Arrays.asList(model.getStringArray(Key.COLUMNS.id)),
            model.getString(Key.LIST_COLUMN.id), model.getInt(Key.LIST_LENGTH.id), null, List.of(), false,
            model.getString(Key.IMAGE_COLUMN.id, null)); // image input came with colour models
        String labelColumn = model.getString(Key.LABEL_COLUMN.id);
        if (labelColumn != null) {
            List<String> labels = Arrays.asList(model.getStringArray(Key.LABEL_VALUES.id));
            // added with label types; older specs did not say, so their labels count as integers if they look like ones
            input = model.containsKey(Key.INTEGER_LABELS.id)
                ? input.withLabels(labelColumn, model.getBoolean(Key.INTEGER_LABELS.id), labels)
                : input.withLabels(labelColumn, labels);
        }
        latentSize = model.getInt(Key.LATENT_SIZE.id);
        likelihood = model.getString(Key.LIKELIHOOD.id);
        int rows = model.getInt(Key.IMAGE_ROWS.id);
        int cols = model.getInt(Key.IMAGE_COLS.id);
        // added with colour models; every image was grey before
        int channels = model.getInt(Key.IMAGE_CHANNELS.id, 1);
        try {
            image = rows > 0 && cols > 0 ? new ImageShape(cols, rows, channels) : null;
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException("Invalid image shape in the model spec: " + e.getMessage(), e);
        }
        backend = model.getString(Key.BACKEND.id);
        notDl4jReason = model.getString(Key.NOT_DL4J_REASON.id, ""); // added with the DL4J network: older specs do not say
    }

    /** One line for port tooltips and summaries. */
    public String describe() {
        String in = input.listColumn() != null ? "list column '" + input.listColumn() + "' (" + input.listLength()
            + " values)" : input.imageColumn() != null ? "image column '" + input.imageColumn() + "'"
                : input.columnNames().size() + " numeric columns";
        return "VAE: " + in + " → latent " + latentSize + ", " + likelihood
            + (image == null ? "" : ", images " + image.describe())
            + (isConditional() ? ", conditioned on '" + input.labelColumn() + "'" : "")
            + (backend.isEmpty() ? "" : ", trained on " + backend);
    }
}
