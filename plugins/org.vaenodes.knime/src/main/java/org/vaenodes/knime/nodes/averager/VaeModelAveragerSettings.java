package org.vaenodes.knime.nodes.averager;

import org.vaenodes.engine.train.ParameterAveraging.Weighting;
import org.vaenodes.knime.util.ChoiceSetting;
import org.vaenodes.knime.util.NodeSettingsGroup;

/** Settings of the VAE Model Averager: how much each model counts. */
final class VaeModelAveragerSettings extends NodeSettingsGroup {

    static final String CFG_WEIGHTING = "weighting";

    final ChoiceSetting<Weighting> weighting = declare(ChoiceSetting.of(CFG_WEIGHTING, Weighting.TRAINING_ROWS,
        w -> switch (w) {
            case TRAINING_ROWS -> "By training rows";
            case EQUAL -> "Equal";
        })
        .label("Weights")
        .description("<i>By training rows</i> (<tt>training-rows</tt>, default): each model counts as much as the "
            + "rows it was trained on, as its provenance records them — a model trained on twice the rows weighs "
            + "twice as much, which is right for parts of one data set. <i>Equal</i> (<tt>equal</tt>): every model "
            + "counts the same; needed for models that record no training rows, such as VAEs read from DL4J files "
            + "made outside KNIME."));

    VaeModelAveragerSettings() {
        super(VaeModelAveragerSettings::new);
    }
}
