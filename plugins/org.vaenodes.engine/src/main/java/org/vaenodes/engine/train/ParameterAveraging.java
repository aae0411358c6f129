package org.vaenodes.engine.train;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.vaenodes.engine.model.EngineInfo;
import org.vaenodes.engine.model.Provenance;
import org.vaenodes.engine.model.Vae;
import org.vaenodes.engine.spec.InputDescription;
import org.vaenodes.engine.spec.VaeConfig;

/**
 * Parameter averaging: one model whose every weight is the mean of the same weight in models of one architecture,
 * each weighted by the rows it was trained on. Trained for a round from the same starting weights on parts of the
 * data (see {@link Trainer#continueFrom}) and averaged, repeated, this is data-parallel training: the scheme of DL4J's
 * Spark training master, with the parts trained wherever the caller likes (parallel branches, other machines).
 */
public final class ParameterAveraging {

    /** How much each model counts. */
    public enum Weighting {
        /** By the rows each model was trained on, as its provenance records them (DL4J's Spark averaging did so). */
        TRAINING_ROWS("weighted by training rows"),
        /** All alike: for models whose rows are not recorded (read from DL4J files) or not comparable. */
        EQUAL("equal weights");

        private final String text;

        Weighting(String text) {
            this.text = text;
        }

        /** How the averaged model's provenance names the code that made it. */
        public String trainer() {
            return "parameter averaging, " + text;
        }
    }

    private ParameterAveraging() {
    }

    /** Averages two or more models weighted by their training rows; see {@link #average(List, Weighting)}. */
    public static TrainedModel average(List<TrainedModel> parts) {
        return average(parts, Weighting.TRAINING_ROWS);
    }

    /**
     * Averages the parameters of two or more models (in double precision, rounded once to float).
     *
     * @throws IllegalArgumentException naming the first difference when the models cannot be averaged: another
     *         architecture, another input, or (weighting by rows) no recorded training rows to weight by
     */
    public static TrainedModel average(List<TrainedModel> parts, Weighting weighting) {
        Objects.requireNonNull(parts, "parts");
        Objects.requireNonNull(weighting, "weighting");
        checkAverageable(parts, weighting);
        long totalRows = 0;
        for (TrainedModel m : parts) {
            totalRows += m.provenance().rows();
        }
        double[] weights = new double[parts.size()];
        for (int k = 0; k < weights.length; k++) {
            weights[k] = weighting == Weighting.EQUAL ? 1.0 / weights.length
                : parts.get(k).provenance().rows() / (double) totalRows;
        }
        int size = parts.get(0).vae().parameters().length;
        double[] sum = new double[size];
        for (int k = 0; k < weights.length; k++) {
            float[] p = parts.get(k).vae().parameters();
            double w = weights[k];
            for (int i = 0; i < size; i++) {
                sum[i] += w * p[i];
            }
        }
        float[] mean = new float[size];
        for (int i = 0; i < size; i++) {
            mean[i] = (float) sum[i];
        }
        TrainedModel first = parts.get(0);
        Vae averaged = Vae.fromParameters(first.config(), mean);
        return new TrainedModel(averaged, List.of(), first.input(),
            provenance(parts, weights, weighting, totalRows));
    }

    /** Throws naming the first reason the models cannot be averaged so; returns when they can. */
    public static void checkAverageable(List<TrainedModel> parts, Weighting weighting) {
        if (parts.size() < 2) {
            throw new IllegalArgumentException("Averaging needs at least two models, got " + parts.size());
        }
        TrainedModel first = parts.get(0);
        for (int k = 0; k < parts.size(); k++) {
            TrainedModel m = parts.get(k);
            if (weighting == Weighting.TRAINING_ROWS && m.provenance().rows() < 1) {
                throw new IllegalArgumentException("Model " + (k + 1) + " records no training rows (a model made "
                    + "outside VAE Nodes, e.g. read from a DL4J file), so it cannot be weighted by them; train it on"
                    + " with the VAE Learner first, or weight the models equally");
            }
            if (k == 0) {
                continue;
            }
            String why = whyNotAlike(first.config(), first.input(), m.config(), m.input());
            if (why != null) {
                throw new IllegalArgumentException("Model " + (k + 1) + " cannot be averaged with model 1: " + why);
            }
        }
    }

    /**
     * Why two models' weights do not correspond one to one, or null when they do: architecture and input must be
     * the same, labels included (class i must be the same class in both).
     */
    public static String whyNotAlike(VaeConfig a, InputDescription inA, VaeConfig b, InputDescription inB) {
        if (!a.equals(b)) {
            return "its network is " + Provenance.architectureOf(b) + ", model 1's is " + Provenance.architectureOf(a);
        }
        if (!Objects.equals(inA.listColumn(), inB.listColumn()) || !Objects.equals(inA.imageColumn(),
            inB.imageColumn()) || !inA.columnNames().equals(inB.columnNames())) {
            return "it reads " + inB.describeSource() + ", model 1 reads " + inA.describeSource();
        }
        if (!Objects.equals(inA.labelColumn(), inB.labelColumn()) || !inA.labelValues().equals(inB.labelValues())) {
            return "it is conditioned on " + labels(inB) + ", model 1 on " + labels(inA);
        }
        return null;
    }

    private static String labels(InputDescription in) {
        return in.labelColumn() == null ? "no label" : "'" + in.labelColumn() + "' " + in.labelValues();
    }

    /**
     * The average's provenance: the rows of all parts, a data fingerprint over theirs, and, as where its weights came
     * from, each part with its weight and its own provenance in one line.
     */
    private static Provenance provenance(List<TrainedModel> parts, double[] weights, Weighting weighting,
        long totalRows) {
        List<String> from = new ArrayList<>();
        LinkedHashSet<String> backends = new LinkedHashSet<>();
        LinkedHashSet<String> devices = new LinkedHashSet<>();
        Instant started = Instant.MAX;
        MessageDigest data = sha256();
        for (int k = 0; k < parts.size(); k++) {
            TrainedModel m = parts.get(k);
            Provenance p = m.provenance();
            from.add((k + 1) + ") model " + Trainer.parametersFingerprint(m.vae()) + ", weight "
                + String.format(Locale.ROOT, "%.4f", weights[k]) + " (" + p.summary() + ")");
            backends.add(p.backend());
            devices.add(p.device());
            started = p.started().isBefore(started) ? p.started() : started;
            data.update(p.dataSha256().getBytes(StandardCharsets.US_ASCII));
        }
        String startedFrom = "the average of " + parts.size() + " models: " + String.join("; ", from);
        return new Provenance(HexFormat.of().formatHex(data.digest()), Math.toIntExact(totalRows),
            parts.get(0).provenance().seed(), String.join(" + ", backends), String.join(" + ", devices),
            EngineInfo.nd4jVersion(), EngineInfo.engineVersion(), started, Instant.now(), weighting.trainer(), null,
            Provenance.architectureOf(parts.get(0).config()), startedFrom);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
