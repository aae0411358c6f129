package org.vaenodes.knime.nodes.averager;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;
import org.vaenodes.engine.train.ParameterAveraging;
import org.vaenodes.engine.train.TrainedModel;
import org.vaenodes.knime.port.VaeModelPortObject;
import org.vaenodes.knime.port.VaeModelPortObjectSpec;
import org.vaenodes.knime.util.NodeSettingsGroup;
import org.vaenodes.knime.util.SettingsNodeModel;

/**
 * VAE Model Averager: one model whose weights are the (weighted) mean of its input models' — the merge step of
 * parameter averaging, where copies of one model are trained on parts of the data in parallel branches (or on other
 * machines) from the same weights.
 */
final class VaeModelAveragerNodeModel extends SettingsNodeModel {

    /** Two models must be connected; these more may be. */
    static final int REQUIRED = 2;
    static final int OPTIONAL = 4;

    private final VaeModelAveragerSettings settings = new VaeModelAveragerSettings();

    VaeModelAveragerNodeModel() {
        super(inputs(), new PortType[] {VaeModelPortObject.TYPE});
    }

    private static PortType[] inputs() {
        PortType[] in = new PortType[REQUIRED + OPTIONAL];
        Arrays.fill(in, 0, REQUIRED, VaeModelPortObject.TYPE);
        Arrays.fill(in, REQUIRED, in.length, VaeModelPortObject.TYPE_OPTIONAL);
        return in;
    }

    @Override
    protected PortObjectSpec[] configure(PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        settings.checkConsistent();
        List<VaeModelPortObjectSpec> specs = new ArrayList<>();
        for (int i = 0; i < inSpecs.length; i++) {
            if (inSpecs[i] == null) {
                continue;
            }
            VaeModelPortObjectSpec s = VaeModelPortObjectSpec.require(inSpecs[i]);
            if (!specs.isEmpty()) {
                checkAlike(specs.get(0), s, i + 1);
            }
            specs.add(s);
        }
        VaeModelPortObjectSpec first = specs.get(0);
        return new PortObjectSpec[] {new VaeModelPortObjectSpec(first.input(), first.latentSize(), first.likelihood(),
            first.imageShape(), "", first.whyNotDl4j())};
    }

    /**
     * What the specs already tell apart (input, latent size, likelihood, labels); layers, activation and β are
     * compared on the models themselves when the node executes.
     */
    private static void checkAlike(VaeModelPortObjectSpec first, VaeModelPortObjectSpec other, int input)
        throws InvalidSettingsException {
        String why = null;
        if (first.latentSize() != other.latentSize()) {
            why = "its latent size is " + other.latentSize() + ", the first model's " + first.latentSize();
        } else if (!first.likelihood().equals(other.likelihood())) {
            why = "its likelihood is " + other.likelihood() + ", the first model's " + first.likelihood();
        } else if (first.knowsImageShape() && other.knowsImageShape()
            && first.input().width() != other.input().width()) {
            why = "it reads " + other.input().width() + " values per row, the first model " + first.input().width();
        } else if (!java.util.Objects.equals(first.input().labelColumn(), other.input().labelColumn())) {
            why = "it is conditioned on " + label(other) + ", the first model on " + label(first);
        }
        if (why != null) {
            throw new InvalidSettingsException("The model at input " + input + " cannot be averaged with the first: "
                + why + ".");
        }
    }

    private static String label(VaeModelPortObjectSpec s) {
        return s.input().labelColumn() == null ? "no label" : "'" + s.input().labelColumn() + "'";
    }

    @Override
    protected PortObject[] execute(PortObject[] in, ExecutionContext exec) throws Exception {
        List<TrainedModel> models = new ArrayList<>();
        List<Integer> inputs = new ArrayList<>();
        for (int i = 0; i < in.length; i++) {
            if (in[i] != null) {
                models.add(VaeModelPortObject.atInput(in[i]).model());
                inputs.add(i + 1);
            }
        }
        exec.setMessage("Averaging " + models.size() + " models");
        TrainedModel average;
        try {
            average = ParameterAveraging.average(models, settings.weighting.value());
        } catch (IllegalArgumentException e) {
            // the engine counts the connected models, which skip unconnected inputs
            throw new InvalidSettingsException(e.getMessage() + " (the models counted are those at inputs "
                + inputs + ").", e);
        }
        VaeModelPortObjectSpec first = ((VaeModelPortObject) in[inputs.get(0) - 1]).getSpec();
        String backend = average.provenance().backend();
        return new PortObject[] {new VaeModelPortObject(average, new VaeModelPortObjectSpec(average.input(),
            first.latentSize(), first.likelihood(), average.config().imageShape(), backend, first.whyNotDl4j()))};
    }

    @Override
    protected NodeSettingsGroup settingsGroup() {
        return settings;
    }
}
