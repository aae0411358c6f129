package org.vaenodes.knime.testflows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.knime.core.data.DataRow;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.collection.ListDataValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.KNIMEConstants;
import org.knime.core.node.workflow.NodeContainer;
import org.knime.core.node.workflow.NodeID;
import org.knime.core.node.workflow.WorkflowManager;
import org.vaenodes.engine.spec.VaeConfig;
import org.vaenodes.engine.train.EpochStats;
import org.vaenodes.engine.train.Trainer;
import org.vaenodes.engine.train.TrainingConfig;
import org.vaenodes.engine.train.TrainingData;
import org.vaenodes.engine.train.TrainingListener;
import org.vaenodes.engine.train.TrainingResult;
import org.vaenodes.knime.port.VaeModelPortObject;

/**
 * bench/: the VAE Learner executed by KNIME's real WorkflowManager (its tables, its NodeContainer, its threads) on
 * the MNIST Reader's 9,000 rows of flow 01, against the engine alone on the same rows and seed, in back-to-back
 * pairs of alternating order. Prints one JSON line (event "node_knime").
 *
 * <p>Usage: {@code KnimeNodeOverheadBench <testflows dir> <work dir> <epochs> <pairs> <seed>}
 */
public final class KnimeNodeOverheadBench {

    private static final int READER = 1;
    private static final int LEARNER = 2;
    private static final int HIDDEN = 400;
    private static final int LATENT = 20;

    private KnimeNodeOverheadBench() {
    }

    public static void main(String[] args) throws Exception {
        Path flows = Path.of(args[0]).toAbsolutePath();
        Path work = Path.of(args[1]).toAbsolutePath();
        int epochs = Integer.parseInt(args[2]);
        int pairs = Integer.parseInt(args[3]);
        int seed = Integer.parseInt(args[4]);
        HeadlessKnimePlatform.start(work.resolve("home"));
        Path dir = KnimeTestflowsMain.copy(flows.resolve("01_mnist_vae_grid"), work.resolve("flow"));
        try (KnimeFlow flow = KnimeFlow.load(dir)) {
            WorkflowManager wfm = flow.wfm;
            NodeID reader = new NodeID(wfm.getID(), READER);
            NodeID learner = new NodeID(wfm.getID(), LEARNER);
            // flow 01's learner takes its epochs from the workflow variable "epochs", which wins over its setting;
            // the reader passes the variable on when it executes, so it is set before
            wfm.addWorkflowVariables(false, new org.knime.core.node.workflow.FlowVariable("epochs", epochs));
            execute(wfm, reader);
            BufferedDataTable table = (BufferedDataTable) wfm.getNodeContainer(reader).getOutPort(1).getPortObject();
            int n = (int) table.size();
            float[] x = pixels(table, n);
            VaeConfig cfg = VaeConfig.of(784, new int[] {HIDDEN}, LATENT).withImageShape(28, 28);
            TrainingConfig tc = new TrainingConfig(epochs, 128, 1e-3, seed, 0.0, 0, false);

            learnerSettings(wfm, epochs, seed);
            execute(wfm, learner); // warm-up: starts ND4J as a node does, JIT
            Trainer.train(cfg, new TrainingData(x, n, 784, null), new TrainingConfig(1, 128, 1e-3, seed, 0.0, 0, false),
                TrainingListener.NONE, null);

            List<Double> engineS = new ArrayList<>();
            List<Double> nodeS = new ArrayList<>();
            List<Double> engineEpochS = new ArrayList<>();
            List<Double> nodeEpochS = new ArrayList<>();
            float[] engineParams = null;
            float[] nodeParams = null;
            int nodeEpochs = 0;
            for (int pair = 0; pair < pairs; pair++) {
                for (int k = 0; k < 2; k++) { // engine first in even pairs, node first in odd ones
                    if ((k == 0) == (pair % 2 == 0)) {
                        long t = System.nanoTime();
                        TrainingResult r = Trainer.train(cfg, new TrainingData(x, n, 784, null), tc,
                            TrainingListener.NONE, null);
                        engineS.add((System.nanoTime() - t) / 1e9);
                        engineEpochS.add(r.history().stream().mapToDouble(EpochStats::seconds).sum());
                        engineParams = r.model().parameters();
                    } else {
                        wfm.resetAndConfigureNode(learner);
                        long t = System.nanoTime();
                        execute(wfm, learner);
                        nodeS.add((System.nanoTime() - t) / 1e9);
                        nodeParams = ((VaeModelPortObject) wfm.getNodeContainer(learner).getOutPort(1)
                            .getPortObject()).model().vae().parameters();
                        BufferedDataTable history = (BufferedDataTable) wfm.getNodeContainer(learner).getOutPort(2)
                            .getPortObject();
                        nodeEpochs = (int) history.size();
                        nodeEpochS.add(epochSeconds(history));
                    }
                }
            }
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < pairs; i++) {
                ratios.add(nodeS.get(i) / engineS.get(i));
            }
            // outside its epochs (by their own clocks): each path's time for everything but training, which the epochs'
            // ±10 % between runs on a shared machine cannot hide
            List<Double> engineOutside = new ArrayList<>();
            List<Double> nodeOutside = new ArrayList<>();
            for (int i = 0; i < pairs; i++) {
                engineOutside.add(engineS.get(i) - engineEpochS.get(i));
                nodeOutside.add(nodeS.get(i) - nodeEpochS.get(i));
            }
            System.out.println(String.format(Locale.ROOT, "{\"event\": \"node_knime\", \"knime\": \"%s\", \"java\": \"%s\","
                + " \"rows\": %d, \"epochs\": %d, \"pairs\": %d, \"engine_s\": %s, \"node_s\": %s,"
                + " \"engine_epoch_s\": %s, \"node_epoch_s\": %s, \"node_epochs_run\": %d, \"engine_s_median\": %.4f,"
                + " \"node_s_median\": %.4f, \"overhead_pct_paired_median\": %.2f,"
                + " \"engine_outside_training_s_median\": %.4f, \"node_outside_training_s_median\": %.4f,"
                + " \"same_weights\": %s}",
                KNIMEConstants.VERSION, System.getProperty("java.version"), n, epochs, pairs, json(engineS),
                json(nodeS), json(engineEpochS), json(nodeEpochS), nodeEpochs, median(engineS), median(nodeS),
                100 * (median(ratios) - 1), median(engineOutside), median(nodeOutside),
                Arrays.equals(engineParams, nodeParams)));
        }
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    private static void execute(WorkflowManager wfm, NodeID id) throws InterruptedException {
        wfm.executeUpToHere(id);
        wfm.waitWhileInExecution(1, TimeUnit.HOURS);
        NodeContainer nc = wfm.getNodeContainer(id);
        if (!nc.getNodeContainerState().isExecuted()) {
            throw new IllegalStateException(KnimeFlow.stateLine(nc));
        }
    }

    /** The settings of bench/'s engine runs: 784-400-20, Bernoulli, Adam 1e-3, batch 128, no validation. */
    private static void learnerSettings(WorkflowManager wfm, int epochs, int seed) throws Exception {
        BatchOverrides o = new BatchOverrides();
        for (String option : List.of("input_mode,list,String", "list_column,Pixels,String",
            "encoder_layers," + HIDDEN + ",String", "decoder_layers,,String", "latent_size," + LATENT + ",int",
            "activation,relu,String", "likelihood,bernoulli,String", "epochs," + epochs + ",int",
            "batch_size,128,int", "learning_rate,0.001,double", "seed," + seed + ",int",
            "validation_percent,0.0,double", "early_stopping_patience,0,int", "binarize,false,boolean")) {
            o.parse("-option=" + LEARNER + "," + option);
        }
        KnimeBatchOptions.apply(o, wfm);
    }

    /** The reader's scaled pixels as the learner converts them: float rows. */
    private static float[] pixels(BufferedDataTable table, int n) {
        int col = table.getDataTableSpec().findColumnIndex("Pixels");
        float[] x = new float[n * 784];
        int row = 0;
        for (DataRow r : table) {
            ListDataValue list = (ListDataValue) r.getCell(col);
            for (int j = 0; j < 784; j++) {
                x[row * 784 + j] = (float) ((DoubleValue) list.get(j)).getDoubleValue();
            }
            row++;
        }
        return x;
    }

    /** The sum of a VAE Learner history table's "Seconds" column: the time its epochs took by their own clock. */
    private static double epochSeconds(BufferedDataTable history) {
        int col = history.getDataTableSpec().findColumnIndex("Seconds");
        double sum = 0;
        for (DataRow r : history) {
            sum += ((DoubleValue) r.getCell(col)).getDoubleValue();
        }
        return sum;
    }

    private static double median(List<Double> v) {
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static String json(List<Double> v) {
        return v.stream().map(d -> String.format(Locale.ROOT, "%.4f", d)).toList().toString();
    }
}
