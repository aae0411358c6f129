package org.vaenodes.knime.testflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs every testflow in testflows/ through our headless runner and checks its expected file. */
@org.junit.jupiter.api.Timeout(value = 20, unit = java.util.concurrent.TimeUnit.MINUTES) // against a hung flow
class TestflowsTest {

    static final Path ROOT = Path.of(System.getProperty("vaenodes.testflows", "../../testflows"));
    static final Path OUT = Path.of(System.getProperty("vaenodes.testflowOutput", "target/testflow-output"));

    static Stream<Path> testflows() throws IOException {
        assertTrue(Files.isDirectory(ROOT), "no testflows folder at " + ROOT.toAbsolutePath());
        try (Stream<Path> s = Files.list(ROOT)) {
            List<Path> flows = s.filter(p -> Files.isRegularFile(p.resolve("workflow.knime"))).sorted().toList();
            assertFalse(flows.isEmpty(), "no testflows found in " + ROOT.toAbsolutePath());
            return flows.stream();
        }
    }

    @Test
    void theDl4jReadersFileIsOverriddenByTheBatchExecutorsOption() throws Exception {
        Path flow = ROOT.resolve("05_dl4j_model_files");
        Path other = OUT.resolve("override").resolve("no-such-dl4j-vae.zip").toAbsolutePath();
        BatchOverrides overrides = new BatchOverrides();
        assertTrue(overrides.parse("-option=7,file," + other + ",String"));
        assertTrue(overrides.parse("-option=2,epochs,1,int")); // the learner's model only feeds the other reader
        WorkflowDefinition wf = WorkflowDefinition.read(flow);
        // output_ variables into the output folder, as TestflowMain does: the flow's writer must not write into testflows/
        WorkflowRunner.RunResult run = WorkflowRunner.run(wf, overrides.withOutputsIn(wf,
            OUT.resolve("override")));
        FlowOutcome.NodeOutcome reader = run.nodes().get(7);
        // as in KNIME: the reader of a file that does not exist configures without a spec and fails to execute
        assertEquals(FlowOutcome.Status.FAILED, reader.status());
        assertTrue(reader.message().contains(other.toString()) && reader.message().contains("does not exist"),
            reader.message());
        assertEquals(FlowOutcome.Status.EXECUTED, run.nodes().get(4).status(), "the other reader is unaffected");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("testflows")
    void runsAsExpected(Path flow) throws Exception {
        List<String> problems =
            TestflowMain.runOne(flow, new BatchOverrides(), OUT.resolve(flow.getFileName().toString()), true);
        assertEquals(List.of(), problems, flow.getFileName().toString());
        for (BatchOverrides.Variable v : WorkflowDefinition.read(flow).variables()) {
            if (v.name().startsWith(BatchOverrides.OUTPUT_VARIABLE_PREFIX)) {
                String file = v.value().substring(v.value().lastIndexOf('/') + 1);
                assertFalse(Files.exists(flow.resolve(file)), "the run wrote " + file + " into the flow's folder");
                assertTrue(Files.isRegularFile(OUT.resolve(flow.getFileName().toString()).resolve(file)),
                    "the run wrote " + file + " into its output folder");
            }
        }
    }
}
