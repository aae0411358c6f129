package org.vaenodes.knime.port;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.ModelContentRO;
import org.knime.core.node.ModelContentWO;
import org.knime.core.node.port.AbstractSimplePortObjectSpec;
import org.knime.core.node.port.PortObjectSpec;
import org.vaenodes.engine.model.InputDescription;

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

    private static final String CFG_LIST_COLUMN = "list_column";
    private static final String CFG_LIST_LENGTH = "list_length";
    private static final String CFG_COLUMNS = "columns";
    private static final String CFG_LABEL_COLUMN = "label_column";
    private static final String CFG_LABEL_VALUES = "label_values";
    private static final String CFG_INTEGER_LABELS = "integer_labels";
    private static final String CFG_LATENT_SIZE = "latent_size";
    private static final String CFG_LIKELIHOOD = "likelihood";
    private static final String CFG_IMAGE_ROWS = "image_rows";
    private static final String CFG_IMAGE_COLS = "image_cols";
    private static final String CFG_BACKEND = "backend";
    private static final String CFG_NOT_DL4J = "not_dl4j_reason";

    private InputDescription input;
    private int latentSize;
    private String likelihood;
    private int imageRows;
    private int imageCols;
    private String backend;
    /** Empty when the model is a DL4J network, else why it is not. */
    private String notDl4jReason;

    /** For KNIME's serializer only. */
    public VaeModelPortObjectSpec() {
        this(InputDescription.ofColumns(List.of()), 0, "", 0, 0, "");
    }

    /**
     * @param backend the ND4J backend that trained the model, or "" while not yet trained
     */
    public VaeModelPortObjectSpec(InputDescription input, int latentSize, String likelihood, int imageRows,
        int imageCols, String backend) {
        this(input, latentSize, likelihood, imageRows, imageCols, backend, null);
    }

    /**
     * @param backend the ND4J backend that trained the model, or "" while not yet trained
     * @param whyNotDl4j null if the model is (or will be) a DL4J network, else why not
     */
    public VaeModelPortObjectSpec(InputDescription input, int latentSize, String likelihood, int imageRows,
        int imageCols, String backend, String whyNotDl4j) {
        this.notDl4jReason = whyNotDl4j == null ? "" : whyNotDl4j;
        this.input = Objects.requireNonNull(input);
        this.latentSize = latentSize;
        this.likelihood = Objects.requireNonNull(likelihood);
        this.imageRows = imageRows;
        this.imageCols = imageCols;
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
        return imageRows > 0 && imageCols > 0;
    }

    public int imageRows() {
        return imageRows;
    }

    public int imageCols() {
        return imageCols;
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
        model.addString(CFG_LIST_COLUMN, input.listColumn());
        model.addInt(CFG_LIST_LENGTH, input.listLength());
        model.addStringArray(CFG_COLUMNS, input.columnNames().toArray(String[]::new));
        model.addString(CFG_LABEL_COLUMN, input.labelColumn());
        model.addStringArray(CFG_LABEL_VALUES, input.labelValues().toArray(String[]::new));
        model.addBoolean(CFG_INTEGER_LABELS, input.integerLabels());
        model.addInt(CFG_LATENT_SIZE, latentSize);
        model.addString(CFG_LIKELIHOOD, likelihood);
        model.addInt(CFG_IMAGE_ROWS, imageRows);
        model.addInt(CFG_IMAGE_COLS, imageCols);
        model.addString(CFG_BACKEND, backend);
        model.addString(CFG_NOT_DL4J, notDl4jReason);
    }

    @Override
    protected void load(ModelContentRO model) throws InvalidSettingsException {
        input = new InputDescription(Arrays.asList(model.getStringArray(CFG_COLUMNS)),
            model.getString(CFG_LIST_COLUMN), model.getInt(CFG_LIST_LENGTH), null, List.of(), false);
        String labelColumn = model.getString(CFG_LABEL_COLUMN);
        if (labelColumn != null) {
            List<String> labels = Arrays.asList(model.getStringArray(CFG_LABEL_VALUES));
            // added in 0.3.0; older specs did not say, so their labels count as integers if they look like ones
            input = model.containsKey(CFG_INTEGER_LABELS)
                ? input.withLabels(labelColumn, model.getBoolean(CFG_INTEGER_LABELS), labels)
                : input.withLabels(labelColumn, labels);
        }
        latentSize = model.getInt(CFG_LATENT_SIZE);
        likelihood = model.getString(CFG_LIKELIHOOD);
        imageRows = model.getInt(CFG_IMAGE_ROWS);
        imageCols = model.getInt(CFG_IMAGE_COLS);
        backend = model.getString(CFG_BACKEND);
        notDl4jReason = model.getString(CFG_NOT_DL4J, ""); // added in 0.2.0: older specs do not say
    }

    /** One line for port tooltips and summaries. */
    public String describe() {
        String in = input.listColumn() != null ? "list column '" + input.listColumn() + "' (" + input.listLength()
            + " values)" : input.columnNames().size() + " numeric columns";
        return "VAE: " + in + " → latent " + latentSize + ", " + likelihood
            + (isConditional() ? ", conditioned on '" + input.labelColumn() + "'" : "")
            + (backend.isEmpty() ? "" : ", trained on " + backend);
    }
}
