package org.vaenodes.knime.testflows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;

/**
 * Setting overrides in the syntax of KNIME's batch executor, so a flow can be re-run here exactly as it would be
 * with {@code knime -application org.knime.product.KNIME_BATCH_APPLICATION}:
 * <ul>
 * <li>{@code -option=<nodeID>,<settingName>,<value>,<type>}: writes a value into the node's model settings
 * ({@code settingName} may be a {@code /}-path into nested settings);</li>
 * <li>{@code -workflow.variable=<name>,<value>,<type>}: a workflow variable; it changes the settings that the
 * node's flow-variable bindings ({@code variables} in settings.xml) attach to that name.</li>
 * </ul>
 */
final class BatchOverrides {

    record Option(int nodeId, String path, String value, String type) {
    }

    record Variable(String name, String value, String type) {
    }

    /** Workflow variables named output_… hold files a flow writes; runs point them into their output folder. */
    static final String OUTPUT_VARIABLE_PREFIX = "output_";

    private final List<Option> options = new ArrayList<>();
    private final Map<String, Variable> variables = new LinkedHashMap<>();

    /** Parses one command-line argument; returns false if it is not an override. */
    boolean parse(String arg) {
        if (arg.startsWith("-option=")) {
            String[] p = split(arg.substring("-option=".length()), 4, arg);
            options.add(new Option(Integer.parseInt(p[0].trim()), p[1], p[2], p[3]));
            return true;
        }
        if (arg.startsWith("-workflow.variable=")) {
            String[] p = split(arg.substring("-workflow.variable=".length()), 3, arg);
            variables.put(p[0], new Variable(p[0], p[1], p[2]));
            return true;
        }
        return false;
    }

    /** A copy to which one workflow's declared variables can be added without affecting other workflows. */
    BatchOverrides copy() {
        BatchOverrides c = new BatchOverrides();
        c.options.addAll(options);
        c.variables.putAll(variables);
        return c;
    }

    /** Adds a workflow's declared variable unless the command line overrides it. */
    void declare(Variable v) {
        variables.putIfAbsent(v.name(), v);
    }

    boolean isEmpty() {
        return options.isEmpty() && variables.isEmpty();
    }

    Map<String, Variable> variables() {
        return variables;
    }

    List<Option> options() {
        return options;
    }

    /**
     * A copy in which every output_… workflow variable of {@code wf} that the command line does not set points at
     * {@code outDir} (same file name as its default), so that a run never writes into the workflow's own folder.
     */
    BatchOverrides withOutputsIn(WorkflowDefinition wf, Path outDir) {
        BatchOverrides out = copy();
        for (Variable v : wf.variables()) {
            if (v.name().startsWith(OUTPUT_VARIABLE_PREFIX) && !variables.containsKey(v.name())) {
                String file = v.value().substring(v.value().lastIndexOf('/') + 1);
                out.declare(new Variable(v.name(), outDir.resolve(file).toAbsolutePath().toString(), v.type()));
            }
        }
        return out;
    }

    /** Applies options for this node and variables bound in its settings to the node's model settings. */
    void apply(WorkflowDefinition.Node node) throws InvalidSettingsException {
        NodeSettings model = node.model();
        for (Option o : options) {
            if (o.nodeId() == node.id()) {
                set(model, o);
            }
        }
        if (!variables.isEmpty() && node.settings().containsKey("variables")) {
            NodeSettingsRO vars = node.settings().getNodeSettings("variables");
            // since KNIME 4.1 the bindings sit under "tree" next to a "version"; before, directly in "variables"
            bind(vars.containsKey("tree") ? vars.getNodeSettings("tree") : vars, model, node);
        }
    }

    /** Writes an option's value into a node's model settings, at its ({@code /}-separated) path. */
    static void set(NodeSettings model, Option o) throws InvalidSettingsException {
        String[] path = o.path().split("/");
        put(parent(model, path), path[path.length - 1], o.value(), o.type());
    }

    /** Walks the variable tree in step with the model settings; a leaf names the variable it uses. */
    private void bind(NodeSettingsRO tree, NodeSettings model, WorkflowDefinition.Node node)
        throws InvalidSettingsException {
        for (String key : tree) {
            NodeSettingsRO sub;
            try {
                sub = tree.getNodeSettings(key);
            } catch (InvalidSettingsException notAConfig) {
                continue; // e.g. the "version" entry
            }
            if (sub.containsKey("used_variable")) {
                String name = sub.getString("used_variable", null);
                Variable v = name == null ? null : variables.get(name);
                if (v != null) {
                    put(model, key, v.value(), typeOfExisting(model, key, v.type()));
                }
            } else if (model.containsKey(key)) {
                bind(sub, (NodeSettings) model.getNodeSettings(key), node);
            }
        }
    }

    /** Keeps the setting's stored type where it has one, like KNIME converting a variable to the setting. */
    private static String typeOfExisting(NodeSettings s, String key, String fallback) {
        try {
            s.getInt(key);
            return "int";
        } catch (InvalidSettingsException notInt) {
            try {
                s.getDouble(key);
                return "double";
            } catch (InvalidSettingsException notDouble) {
                try {
                    s.getBoolean(key);
                    return "boolean";
                } catch (InvalidSettingsException notBoolean) {
                    return s.containsKey(key) ? "String" : fallback;
                }
            }
        }
    }

    private static NodeSettingsWO parent(NodeSettings model, String[] path) throws InvalidSettingsException {
        NodeSettings cur = model;
        for (int i = 0; i < path.length - 1; i++) {
            cur = (NodeSettings) cur.getNodeSettings(path[i]);
        }
        return cur;
    }

    private static void put(NodeSettingsWO s, String key, String value, String type) throws InvalidSettingsException {
        try {
            switch (type) {
                case "int", "IntCell" -> s.addInt(key, Integer.parseInt(value));
                case "long", "LongCell" -> s.addLong(key, Long.parseLong(value));
                case "short" -> s.addShort(key, Short.parseShort(value));
                case "byte" -> s.addByte(key, Byte.parseByte(value));
                case "double", "DoubleCell" -> s.addDouble(key, Double.parseDouble(value));
                case "float" -> s.addFloat(key, Float.parseFloat(value));
                case "boolean" -> s.addBoolean(key, Boolean.parseBoolean(value));
                case "char" -> s.addChar(key, value.charAt(0));
                case "String", "StringCell" -> s.addString(key, value);
                default -> throw new InvalidSettingsException("Unknown type '" + type + "' for setting '" + key
                    + "' (int, long, short, byte, double, float, boolean, char, String)");
            }
        } catch (NumberFormatException e) {
            throw new InvalidSettingsException("Value '" + value + "' for setting '" + key + "' is not a " + type, e);
        }
    }

    private static String[] split(String spec, int parts, String arg) {
        String[] p = spec.split(",", parts);
        if (p.length != parts) {
            throw new IllegalArgumentException("Malformed argument " + arg + ": expected " + parts
                + " comma-separated parts");
        }
        return p;
    }
}
