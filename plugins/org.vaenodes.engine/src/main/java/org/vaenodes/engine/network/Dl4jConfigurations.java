package org.vaenodes.engine.network;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.variational.BernoulliReconstructionDistribution;
import org.deeplearning4j.nn.conf.layers.variational.LossFunctionWrapper;
import org.deeplearning4j.nn.conf.layers.variational.ReconstructionDistribution;
import org.deeplearning4j.nn.conf.layers.variational.VariationalAutoencoder;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossL2;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.vaenodes.engine.spec.Activation;
import org.vaenodes.engine.spec.AdamHyperparameters;
import org.vaenodes.engine.spec.Dl4jCompatibility;
import org.vaenodes.engine.spec.Likelihood;
import org.vaenodes.engine.spec.VaeConfig;

/**
 * Translates between our {@link VaeConfig} and the configuration of a Deeplearning4j network made of one
 * {@code VariationalAutoencoder} layer, in both directions.
 *
 * <p>The likelihoods map so: Bernoulli is DL4J's {@code BernoulliReconstructionDistribution} with a sigmoid (the
 * same loss and gradient); our Gaussian with fixed variance ½ has no DL4J distribution (DL4J's Gaussian learns the
 * variance), so it becomes an L2 loss wrapper with the identity: DL4J's score is then Σ (x − mean)², ours
 * Σ (x − mean)² + D/2·ln π — equal up to that constant, with the same gradient — and DL4J offers no
 * reconstruction log-probability for it (our engine computes it). A conditional VAE and a VAE without hidden
 * layers cannot be expressed by DL4J's layer and stay our own networks.
 */
public final class Dl4jConfigurations {

    /**
     * The only type names a configuration read from a file may name in {@code "@class"}: DL4J's JSON parser
     * instantiates these, so nothing else is ever handed to it.
     */
    static final Set<String> ALLOWED_CLASSES = Set.of(
            "org.deeplearning4j.nn.conf.layers.variational.VariationalAutoencoder",
            "org.deeplearning4j.nn.conf.layers.variational.BernoulliReconstructionDistribution",
            "org.deeplearning4j.nn.conf.layers.variational.LossFunctionWrapper",
            "org.nd4j.linalg.lossfunctions.impl.LossL2",
            "org.nd4j.linalg.activations.impl.ActivationReLU",
            "org.nd4j.linalg.activations.impl.ActivationLReLU",
            "org.nd4j.linalg.activations.impl.ActivationTanH",
            "org.nd4j.linalg.activations.impl.ActivationSigmoid",
            "org.nd4j.linalg.activations.impl.ActivationELU",
            "org.nd4j.linalg.activations.impl.ActivationIdentity",
            "org.nd4j.linalg.learning.config.Adam",
            "org.nd4j.linalg.learning.config.Sgd",
            "org.nd4j.linalg.learning.config.NoOp",
            "org.nd4j.linalg.learning.config.Nesterovs",
            "org.nd4j.linalg.learning.config.RmsProp",
            "org.nd4j.linalg.learning.config.AdaGrad",
            "org.nd4j.linalg.learning.config.AdaDelta",
            "org.nd4j.linalg.learning.config.AdaMax",
            "org.nd4j.linalg.learning.config.Nadam",
            "org.nd4j.linalg.learning.config.AMSGrad",
            "org.deeplearning4j.nn.weights.WeightInitXavier",
            "org.deeplearning4j.nn.weights.WeightInitRelu",
            "org.deeplearning4j.nn.weights.WeightInitReluUniform",
            "org.deeplearning4j.nn.weights.WeightInitXavierUniform",
            "org.deeplearning4j.nn.weights.WeightInitNormal",
            "org.deeplearning4j.nn.weights.WeightInitUniform",
            "org.deeplearning4j.nn.weights.WeightInitDistribution",
            "org.deeplearning4j.nn.conf.distribution.NormalDistribution",
            "org.deeplearning4j.nn.conf.distribution.UniformDistribution",
            "org.deeplearning4j.nn.conf.distribution.GaussianDistribution");

    /** What a configuration read from a file may contain, for the VAE Model Reader's description. */
    public static final String SUPPORTED = "one VariationalAutoencoder layer with at least one encoder and one "
            + "decoder hidden layer, float32, activation ReLU, leaky ReLU (slope 0.01), tanh, sigmoid or ELU (α = 1), "
            + "identity p(z|x) activation, Bernoulli reconstruction distribution with sigmoid or an L2 loss wrapper "
            + "with identity, no dropout, no weight noise";

    private Dl4jConfigurations() {
    }

    /**
     * The DL4J configuration of a network: one VAE layer, in {@code dtype}, with DL4J's Adam at
     * {@code learningRate} as its updater (what DL4J's own training would use).
     *
     * @throws IllegalArgumentException if DL4J cannot express it
     */
    public static MultiLayerConfiguration of(VaeConfig c, DataType dtype, double learningRate, long seed) {
        return of(c, dtype, learningRate, seed, AdamHyperparameters.EPSILON);
    }

    /**
     * As {@link #of(VaeConfig, DataType, double, long)} with Adam's ε. DL4J divides the summed gradient by the batch
     * size before Adam, our trainers do not; since Adam's step m/(√v + ε) is otherwise scale-free, DL4J with
     * ε/batch takes exactly our step with ε — which is how the DL4J trainer is configured.
     */
    public static MultiLayerConfiguration of(VaeConfig c, DataType dtype, double learningRate, long seed,
            double adamEpsilon) {
        String why = Dl4jCompatibility.whyNot(c);
        if (why != null) {
            throw new IllegalArgumentException("DL4J cannot express " + why);
        }
        VariationalAutoencoder layer = new VariationalAutoencoder.Builder()
                .nIn(c.inputSize())
                .nOut(c.latentSize())
                .encoderLayerSizes(c.encoderHidden())
                .decoderLayerSizes(c.decoderHidden())
                .activation(activation(c.activation()))
                .pzxActivationFunction(org.nd4j.linalg.activations.Activation.IDENTITY)
                .reconstructionDistribution(distribution(c.likelihood()))
                .build();
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(dtype)
                .updater(new Adam(learningRate, AdamHyperparameters.BETA1, AdamHyperparameters.BETA2, adamEpsilon))
                .list()
                .layer(layer)
                .build();
    }

    private static IActivation activation(Activation a) {
        return switch (a) {
            case RELU -> new ActivationReLU();
            case LEAKY_RELU -> new ActivationLReLU(Activation.LEAKY_SLOPE);
            case TANH -> new ActivationTanH();
            case SIGMOID -> new ActivationSigmoid();
            case ELU -> new ActivationELU(1.0);
        };
    }

    private static ReconstructionDistribution distribution(Likelihood l) {
        return switch (l) {
            case BERNOULLI -> new BernoulliReconstructionDistribution(org.nd4j.linalg.activations.Activation.SIGMOID);
            case GAUSSIAN -> new LossFunctionWrapper(org.nd4j.linalg.activations.Activation.IDENTITY, new LossL2());
        };
    }

    /** Deepest nesting of objects and arrays accepted in a configuration (DL4J's own are about 6 deep). */
    static final int MAX_JSON_DEPTH = 64;

    /**
     * Checks a configuration's JSON before DL4J parses it: nesting at most {@value #MAX_JSON_DEPTH} deep, and every
     * {@code "@class"} it names — after JSON decoding, so escapes such as {@code \u0040class} cannot hide one — on
     * the allow-list (DL4J's parser instantiates the classes a file names). The text is read as a plain tree,
     * which creates no objects of the file's choosing.
     *
     * @throws IllegalArgumentException naming what is not allowed
     */
    public static void checkClassNames(String json) {
        checkDepth(json);
        JsonNode tree;
        try {
            tree = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage());
            throw new IllegalArgumentException("DL4J 1.0.0-M2.1 cannot parse the network configuration: it is not "
                    + "valid JSON (" + m.lines().findFirst().orElse(m) + ")", e);
        }
        Set<String> refused = new TreeSet<>();
        Set<String> otherLayers = new TreeSet<>();
        collectClassNames(tree, refused, otherLayers);
        if (!otherLayers.isEmpty()) {
            throw new IllegalArgumentException("The network is not a single VariationalAutoencoder layer: it "
                    + "contains " + String.join(", ", otherLayers) + " layers (another kind of network, a classifier "
                    + "say); the VAE nodes read VAE networks only");
        }
        if (!refused.isEmpty()) {
            throw new IllegalArgumentException("The network configuration names types that are not supported: "
                    + String.join(", ", refused) + ". Supported: " + SUPPORTED);
        }
    }

    private static void collectClassNames(JsonNode node, Set<String> refused, Set<String> otherLayers) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (f.getKey().equals("@class")) {
                    String name = f.getValue().asText();
                    if (!ALLOWED_CLASSES.contains(name)) {
                        refused.add(name);
                        if (name.startsWith("org.deeplearning4j.nn.conf.layers.")) {
                            otherLayers.add(name.substring(name.lastIndexOf('.') + 1));
                        }
                    }
                }
                collectClassNames(f.getValue(), refused, otherLayers);
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                collectClassNames(child, refused, otherLayers);
            }
        }
    }

    /** Refuses nesting deeper than {@value #MAX_JSON_DEPTH} (a parser would recurse that deep). */
    private static void checkDepth(String json) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (++depth > MAX_JSON_DEPTH) {
                    throw new IllegalArgumentException("The network configuration nests deeper than "
                            + MAX_JSON_DEPTH + " levels; DL4J's configurations do not");
                }
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
    }

    /**
     * Our description of a DL4J network configuration (already parsed by DL4J), or an exception that says what is
     * not supported. β is 1 (DL4J's layer has no KL weight); image shape unknown (0 × 0).
     */
    public static VaeConfig toVaeConfig(MultiLayerConfiguration conf) {
        if (conf.getConfs().size() != 1) {
            throw new IllegalArgumentException("The network has " + conf.getConfs().size() + " layers; a VAE model "
                    + "is a network of exactly one VariationalAutoencoder layer");
        }
        NeuralNetConfiguration nc = conf.getConf(0);
        Layer layer = nc.getLayer();
        if (!(layer instanceof VariationalAutoencoder vae)) {
            throw new IllegalArgumentException("The network's layer is a " + simpleName(layer) + ", not a "
                    + "VariationalAutoencoder: this file holds another kind of network (a classifier, say)");
        }
        if (conf.getDataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("The network uses " + conf.getDataType() + "; supported is FLOAT");
        }
        if (vae.getIDropout() != null || vae.getWeightNoise() != null) {
            throw new IllegalArgumentException("The VAE layer uses dropout or weight noise; supported: "
                    + SUPPORTED);
        }
        if (!(vae.getPzxActivationFn() instanceof ActivationIdentity)) {
            throw new IllegalArgumentException("The VAE layer's p(z|x) activation is "
                    + simpleName(vae.getPzxActivationFn()) + "; supported is the identity");
        }
        Likelihood likelihood = likelihood(vae.getOutputDistribution());
        Activation activation = activation(vae.getActivationFn());
        int[] enc = vae.getEncoderLayerSizes();
        int[] dec = vae.getDecoderLayerSizes();
        if (enc == null || enc.length == 0 || dec == null || dec.length == 0) {
            throw new IllegalArgumentException("The VAE layer has no encoder or no decoder hidden layer");
        }
        if (vae.getNIn() > VaeConfig.MAX_LAYER_SIZE || vae.getNOut() > VaeConfig.MAX_LATENT) {
            throw new IllegalArgumentException("The VAE layer has " + vae.getNIn() + " inputs and " + vae.getNOut()
                    + " latent units; supported are at most " + VaeConfig.MAX_LAYER_SIZE + " and "
                    + VaeConfig.MAX_LATENT);
        }
        return new VaeConfig((int) vae.getNIn(), 0, 0, 0, enc, dec, (int) vae.getNOut(), activation, likelihood, 1.0, 0,
                false);
    }

    private static Likelihood likelihood(ReconstructionDistribution d) {
        if (d instanceof BernoulliReconstructionDistribution b && b.getActivationFn() instanceof ActivationSigmoid) {
            return Likelihood.BERNOULLI;
        }
        if (d instanceof LossFunctionWrapper w && w.getActivationFn() instanceof ActivationIdentity
                && isL2(w.getLossFunction())) {
            return Likelihood.GAUSSIAN;
        }
        throw new IllegalArgumentException("The reconstruction distribution " + simpleName(d)
                + " is not supported; supported: Bernoulli with sigmoid, or an L2 loss wrapper with identity");
    }

    private static boolean isL2(ILossFunction f) {
        return f instanceof LossL2 && f.getClass() == LossL2.class;
    }

    private static Activation activation(IActivation a) {
        if (a instanceof ActivationReLU r && r.getMax() == null && r.getThreshold() == null
                && r.getNegativeSlope() == null) {
            return Activation.RELU;
        }
        if (a instanceof ActivationLReLU l && Math.abs(l.getAlpha() - Activation.LEAKY_SLOPE) < 1e-12) {
            return Activation.LEAKY_RELU;
        }
        if (a instanceof ActivationTanH) {
            return Activation.TANH;
        }
        if (a instanceof ActivationSigmoid) {
            return Activation.SIGMOID;
        }
        if (a instanceof ActivationELU e && e.getAlpha() == 1.0) {
            return Activation.ELU;
        }
        throw new IllegalArgumentException("The activation " + simpleName(a) + " is not supported; supported: "
                + "ReLU, leaky ReLU with slope 0.01, tanh, sigmoid, ELU with α = 1");
    }

    private static String simpleName(Object o) {
        return o == null ? "none" : o.getClass().getSimpleName();
    }
}
