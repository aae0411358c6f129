package org.vaenodes.knime.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The ids of every choice setting, as saved workflows, flow variables and batch options hold them. An id follows
 * from its enum constant's name, so this list is what stops a rename from breaking users' workflows.
 */
class SettingChoiceIdsTest {

    private static final String NODES = "org.vaenodes.knime.nodes.";

    @Test
    void idsAreTheOnesWorkflowsHold() throws ClassNotFoundException {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("reader.MnistReaderSettings$Source", List.of("builtin-train", "builtin-test", "idx-files",
            "download-mnist-train", "download-mnist-test", "download-fashion-mnist-train",
            "download-fashion-mnist-test"));
        expected.put("../data.PixelOutput", List.of("list", "columns", "none"));
        expected.put("imagereader.ImageFolderReaderSettings$ResizeChoice", List.of("stretch", "crop"));
        expected.put("imagereader.ImageFolderReaderSettings$BadFiles", List.of("skip", "fail"));
        expected.put("learner.VaeLearnerSettings$InputMode", List.of("list", "columns", "image"));
        expected.put("../data.ImageColour", List.of("grey", "rgb"));
        expected.put("learner.VaeLearnerSettings$MissingValues", List.of("fail", "skip"));
        // the engine's own enums, used as the Learner's choices as they are
        expected.put("org.vaenodes.engine.spec.Activation", List.of("relu", "leaky-relu", "tanh", "sigmoid", "elu"));
        expected.put("org.vaenodes.engine.spec.Likelihood", List.of("bernoulli", "gaussian"));
        expected.put("org.vaenodes.engine.spec.TrainerChoice", List.of("fast", "dl4j"));
        expected.put("decoder.VaeDecoderSettings$Mode", List.of("sample", "decode"));
        expected.put("decoder.VaeDecoderSettings$SampleLabels", List.of("all", "one"));
        expected.put("../data.MissingValueRows", List.of("fail", "output-missing"));
        expected.put("grid.LatentGridSettings$Range", List.of("linear", "gaussian-quantiles"));
        for (Map.Entry<String, List<String>> e : expected.entrySet()) {
            String name = e.getKey().startsWith("../") ? "org.vaenodes.knime." + e.getKey().substring(3)
                : e.getKey().startsWith("org.") ? e.getKey() : NODES + e.getKey();
            Enum<?>[] values = (Enum<?>[]) Class.forName(name).getEnumConstants();
            assertEquals(e.getValue(), Arrays.asList(SettingChoice.ids(values)), e.getKey());
        }
        // the trainer's id is also what provenance and the vae_trainer flow variable start with
        for (org.vaenodes.engine.spec.TrainerChoice t : org.vaenodes.engine.spec.TrainerChoice.values()) {
            assertEquals(SettingChoice.idOf(t), t.id());
        }
    }
}
