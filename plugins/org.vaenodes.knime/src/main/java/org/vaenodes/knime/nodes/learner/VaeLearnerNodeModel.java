package org.vaenodes.knime.nodes.learner;

import java.util.List;

import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.collection.ListDataValue;
import org.knime.core.data.image.png.PNGImageValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;
import org.vaenodes.engine.backend.BackendStatus;
import org.vaenodes.engine.backend.Nd4jRuntime;
import org.vaenodes.engine.image.ImageShape;
import org.vaenodes.engine.spec.Dl4jCompatibility;
import org.vaenodes.engine.spec.InputDescription;
import org.vaenodes.engine.spec.Likelihood;
import org.vaenodes.engine.spec.VaeConfig;
import org.vaenodes.engine.train.TrainedModel;
import org.vaenodes.engine.train.Trainer;
import org.vaenodes.engine.train.TrainingCancelledException;
import org.vaenodes.engine.train.TrainingConfig;
import org.vaenodes.engine.train.TrainingData;
import org.vaenodes.engine.train.TrainingDivergedException;
import org.vaenodes.engine.train.TrainingResult;
import org.vaenodes.knime.data.InputColumns;
import org.vaenodes.knime.data.InputDataException;
import org.vaenodes.knime.data.LabelColumn;
import org.vaenodes.knime.nodes.learner.VaeLearnerSettings.InputMode;
import org.vaenodes.knime.port.VaeModelPortObject;
import org.vaenodes.knime.port.VaeModelPortObjectSpec;
import org.vaenodes.knime.prefs.EngineSetup;
import org.vaenodes.knime.util.Cancellation;
import org.vaenodes.knime.util.NodeSettingsGroup;
import org.vaenodes.knime.util.SettingChoice;
import org.vaenodes.knime.util.SettingsNodeModel;

/** VAE Learner: trains a (conditional) variational autoencoder on a table's numeric input. */
final class VaeLearnerNodeModel extends SettingsNodeModel {

    static final String FV_TRAIN_NEG_ELBO = "vae_train_neg_elbo";
    static final String FV_VALIDATION_NEG_ELBO = "vae_validation_neg_elbo";
    static final String FV_BACKEND = "vae_backend";
    static final String FV_BACKEND_REASON = "vae_backend_reason";
    static final String FV_DEVICE = "vae_device";
    static final String FV_TRAINER = "vae_trainer";

    private final VaeLearnerSettings settings = new VaeLearnerSettings();

    VaeLearnerNodeModel() {
        super(new PortType[] {BufferedDataTable.TYPE, VaeModelPortObject.TYPE_OPTIONAL},
            new PortType[] {VaeModelPortObject.TYPE, BufferedDataTable.TYPE});
    }

    @Override
    protected PortObjectSpec[] configure(PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        settings.checkConsistent();
        DataTableSpec spec = (DataTableSpec) inSpecs[0];
        if (inSpecs.length > StartingModel.PORT && inSpecs[StartingModel.PORT] != null) {
            VaeModelPortObjectSpec start = VaeModelPortObjectSpec.require(inSpecs[StartingModel.PORT]);
            StartingModel.check(settings, start, spec);
            return new PortObjectSpec[] {StartingModel.outputSpec(start), TrainingHistoryTable.SPEC};
        }
        autoSelectListColumn(spec);
        autoSelectImageColumn(spec);
        InputColumns input = inputColumns(spec);
        InputDescription description = describe(input, labelColumn(spec), List.of());
        // known before training when the input's width is: the number of value columns, or a declared list length
        // (image cells: only once the first image is decoded)
        return new PortObjectSpec[] {modelSpec(description, imageShape(input, spec), ""),
            TrainingHistoryTable.SPEC};
    }

    /**
     * The shape of the images behind the input: as image cells decode, as the input columns' properties declare it
     * (the readers and the Decoder/Sampler write them), else a square grey image when the width is a square number
     * (MNIST's 784 = 28 × 28 from any source); null if the rows are not taken for images.
     */
    private static ImageShape imageShape(InputColumns input, DataTableSpec spec) {
        ImageShape declared = input.imageShape(spec);
        if (declared != null) {
            return declared;
        }
        int side = VaeConfig.squareImageSide(input.width());
        return side > 0 ? ImageShape.gray(side, side) : null;
    }

    /** As for a list column: with image input and no column chosen yet, take the first PNG image column. */
    private void autoSelectImageColumn(DataTableSpec spec) throws InvalidSettingsException {
        if (settings.inputMode.value() != InputMode.IMAGE || !settings.imageColumn.getStringValue().isEmpty()) {
            return;
        }
        for (DataColumnSpec c : spec) {
            if (c.getType().isCompatible(PNGImageValue.class)) {
                settings.imageColumn.setStringValue(c.getName());
                setWarningMessage("Input image column '" + c.getName() + "' selected automatically.");
                return;
            }
        }
        throw new InvalidSettingsException("No PNG image column in the input: choose another input ("
            + VaeLearnerSettings.CFG_INPUT_MODE + ") or add images, e.g. with the Image Folder Reader.");
    }

    /** Like KNIME's own learners, pick the first suitable column when the user has not chosen one yet. */
    private void autoSelectListColumn(DataTableSpec spec) throws InvalidSettingsException {
        if (settings.inputMode.value() != InputMode.LIST || !settings.listColumn.getStringValue().isEmpty()) {
            return;
        }
        for (DataColumnSpec c : spec) {
            if (c.getType().isCompatible(ListDataValue.class) && c.getType().getCollectionElementType() != null
                && c.getType().getCollectionElementType().isCompatible(org.knime.core.data.DoubleValue.class)) {
                settings.listColumn.setStringValue(c.getName());
                setWarningMessage("Input list column '" + c.getName() + "' selected automatically.");
                return;
            }
        }
        throw new InvalidSettingsException("No list-of-numbers column in the input: choose numeric columns instead "
            + "(" + VaeLearnerSettings.CFG_INPUT_MODE + " = columns) or add a list column, e.g. with the MNIST Reader.");
    }

    private InputColumns inputColumns(DataTableSpec spec) throws InvalidSettingsException {
        InputColumns input = switch (settings.inputMode.value()) {
            case LIST -> InputColumns.ofList(spec, settings.listColumn.getStringValue());
            case COLUMNS -> InputColumns.ofColumns(spec, numericInputColumns(spec));
            case IMAGE -> InputColumns.ofImages(spec, settings.imageColumn.getStringValue(),
                settings.imageColour.value().mode());
        };
        labelColumn(spec); // checks it
        return input;
    }

    /** The label column of a conditional VAE, null for an unconditional one. */
    private LabelColumn labelColumn(DataTableSpec spec) throws InvalidSettingsException {
        return settings.conditional() ? LabelColumn.of(spec, settings.labelColumn.getStringValue()) : null;
    }

    /** The filter's columns, minus the label column: a class label is a condition, never an input value. */
    private List<String> numericInputColumns(DataTableSpec spec) {
        String label = settings.labelColumn.getStringValue();
        return java.util.Arrays.stream(settings.columns.applyTo(spec).getIncludes())
            .filter(c -> !c.equals(label)).toList();
    }

    private static InputDescription describe(InputColumns input, LabelColumn label, List<String> labelValues) {
        InputDescription d = input.describe();
        return label == null ? d : d.withLabels(label.name(), label.holdsIntegers(), labelValues);
    }

    private VaeModelPortObjectSpec modelSpec(InputDescription d, ImageShape image, String backend)
        throws InvalidSettingsException {
        return new VaeModelPortObjectSpec(d, settings.latentSize.getIntValue(),
            SettingChoice.idOf(settings.likelihood.value()), image,
            backend, Dl4jCompatibility.whyNot(settings.conditional(), settings.encoderHidden().length));
    }

    @Override
    protected PortObject[] execute(PortObject[] in, ExecutionContext exec) throws Exception {
        EngineSetup.ensureConfigured();
        BufferedDataTable table = (BufferedDataTable) in[0];
        if (in.length > StartingModel.PORT && in[StartingModel.PORT] != null) {
            return continueTraining(table, VaeModelPortObject.atInput(in[StartingModel.PORT]), exec);
        }
        DataTableSpec spec = table.getDataTableSpec();
        LabelColumn label = labelColumn(spec);
        Trained trained = readAndTrain(table, inputColumns(spec), label, exec, (read, progress, cancelled) -> {
            checkLikelihoodFits(read, settings.likelihood.value());
            return Trainer.train(vaeConfig(read, imageShape(read.input(), spec)), read.data(),
                settings.trainingConfig(), progress, cancelled);
        });
        InputDescription description = describe(trained.input(), label, trained.labelValues());
        TrainingResult result = trained.result();
        return outputs(result, description,
            modelSpec(description, result.model().config().imageShape(), result.backend()), exec);
    }

    /**
     * Warm start: trains on from the model at the second input, with its architecture, reading the columns it reads
     * (Adam starts afresh: its moments are not part of a model). The new model's provenance names the start.
     */
    private PortObject[] continueTraining(BufferedDataTable table, VaeModelPortObject startPort,
        ExecutionContext exec) throws Exception {
        DataTableSpec spec = table.getDataTableSpec();
        VaeModelPortObjectSpec startSpec = startPort.getSpec();
        InputColumns columns = StartingModel.check(settings, startSpec, spec);
        TrainedModel start = startPort.model();
        startPort.network(startSpec.input().width());
        InputDescription description = start.input();
        LabelColumn label = description.labelColumn() == null ? null : LabelColumn.of(spec, description.labelColumn());
        TrainingConfig training = settings.trainingConfig(StartingModel.binarize(settings, startSpec));
        Trained trained = readAndTrain(table, columns, label, exec, (read, progress, cancelled) -> {
            if (label != null && !read.labelValues().equals(description.labelValues())) {
                throw new InputDataException("The label column '" + label.name() + "' holds the classes "
                    + read.labelValues() + ", but the model at input 2 was trained on " + description.labelValues()
                    + ": continuing needs the same classes (class i must stay class i).");
            }
            checkLikelihoodFits(read, start.config().likelihood());
            try {
                return Trainer.continueFrom(start, read.data(), training, progress, cancelled);
            } catch (IllegalArgumentException e) { // the rows do not fit the model
                throw new InputDataException(e.getMessage());
            }
        });
        return outputs(trained.result(), description, new VaeModelPortObjectSpec(description, startSpec.latentSize(),
            startSpec.likelihood(), start.config().imageShape(), trained.result().backend(), startSpec.whyNotDl4j()),
            exec);
    }

    /** What one training run read and made. */
    private record Trained(TrainingResult result, InputColumns input, List<String> labelValues) {
    }

    /** One training run on rows read from the table: a fresh network or one trained on. */
    @FunctionalInterface
    private interface Training {
        TrainingResult run(TrainingTableReader.Result read, ProgressReporter progress,
            java.util.function.BooleanSupplier cancelled) throws Exception;
    }

    /**
     * Reads the table's training rows (5 % of the progress), runs the training on them (the rest) and reports skipped
     * rows; a cancel or a diverged run becomes what KNIME expects of a node.
     */
    private Trained readAndTrain(BufferedDataTable table, InputColumns columns, LabelColumn label,
        ExecutionContext exec, Training training) throws Exception {
        try (TrainingTableReader.Result read = TrainingTableReader.read(table, columns, label,
            settings.missingValues.value() == VaeLearnerSettings.MissingValues.SKIP, exec.createSubProgress(0.05))) {
            TrainingResult result = training.run(read, new ProgressReporter(exec.createSubProgress(0.95),
                settings.epochs.getIntValue()), Cancellation.of(exec));
            if (read.skippedRows() > 0) {
                setWarningMessage("Skipped " + read.skippedRows() + " row(s) with missing values.");
            }
            return new Trained(result, read.input(), read.labelValues());
        } catch (TrainingCancelledException e) {
            throw new CanceledExecutionException("Training cancelled: " + e.getMessage());
        } catch (TrainingDivergedException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The model and history ports, and the flow variables of the run. */
    private PortObject[] outputs(TrainingResult result, InputDescription description, VaeModelPortObjectSpec spec,
        ExecutionContext exec) {
        pushFlowVariables(result);
        return new PortObject[] {new VaeModelPortObject(TrainedModel.of(result, description), spec),
            TrainingHistoryTable.create(result.history(), exec)};
    }

    /**
     * Rows in memory are checked here, with advice; rows in a file are checked by the trainer while it reads them
     * once before training (same rule and message, without the advice).
     */
    private static void checkLikelihoodFits(TrainingTableReader.Result read, Likelihood likelihood)
        throws InputDataException {
        if (!(read.data() instanceof TrainingData inMemory)) {
            return;
        }
        String unfit = inMemory.whyNotFor(likelihood);
        if (unfit != null) {
            throw new InputDataException(unfit + " (counting the rows used). " + (likelihood
                == Likelihood.BERNOULLI ? "Scale the input (e.g. the MNIST Reader's 'Scale pixels to [0, 1]') or"
                    + " choose the gaussian likelihood." : "Remove or fix such rows."));
        }
    }

    private VaeConfig vaeConfig(TrainingTableReader.Result read, ImageShape image) throws InvalidSettingsException {
        int d = read.data().width();
        try {
            VaeConfig c = VaeConfig.of(d, settings.encoderHidden(), settings.latentSize.getIntValue())
                .withDecoderHidden(settings.decoderHidden())
                .withActivation(settings.activation.value())
                .withLikelihood(settings.likelihood.value())
                .withBeta(settings.beta.getDoubleValue())
                .withNumClasses(read.labelValues().size())
                .withBinarize(settings.binarizeInputs());
            return c.withImageShape(image);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }

    private void pushFlowVariables(TrainingResult result) {
        var last = result.history().get(result.history().size() - 1);
        pushFlowVariableDouble(FV_TRAIN_NEG_ELBO, last.trainNegElbo());
        pushFlowVariableDouble(FV_VALIDATION_NEG_ELBO, last.hasValidation() ? last.validationNegElbo() : Double.NaN);
        pushFlowVariableString(FV_BACKEND, result.backend());
        pushFlowVariableString(FV_TRAINER, result.provenance().trainer());
        BackendStatus status = Nd4jRuntime.status();
        pushFlowVariableString(FV_BACKEND_REASON, status == null ? "" : status.reason());
        pushFlowVariableString(FV_DEVICE, status == null ? "" : status.device());
    }

    @Override
    protected NodeSettingsGroup settingsGroup() {
        return settings;
    }
}
