package org.vaenodes.knime.nodes.decoder;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DoubleValue;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelColumnFilter2;

/**
 * Finds the latent columns to decode from the {@code z_columns} setting: either a comma-separated list of column
 * names (in that order) or a prefix, meaning all columns named prefix + number (z_mean_0, z_mean_1, …) ordered by
 * the number. A single name without a comma that matches no prefixed columns is taken as one column's name.
 */
final class LatentColumns {

    private LatentColumns() {
    }

    /**
     * Column indices in latent order from the text setting or, when it is empty, from the column filter (table
     * order); the count must equal {@code latentSize}.
     */
    static int[] resolve(DataTableSpec spec, String text, SettingsModelColumnFilter2 filter, int latentSize)
        throws InvalidSettingsException {
        if (!text.isBlank()) {
            return resolve(spec, text, latentSize);
        }
        return check(spec, List.of(filter.applyTo(spec).getIncludes()), "the column filter ("
            + VaeDecoderSettings.CFG_LATENT_COLUMNS + ")", latentSize);
    }

    /** Column indices in latent order from the text setting; the count must equal {@code latentSize}. */
    static int[] resolve(DataTableSpec spec, String setting, int latentSize) throws InvalidSettingsException {
        String text = setting.trim();
        List<String> names;
        String how;
        if (text.contains(",")) {
            names = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            for (String part : text.split(",")) {
                String name = part.trim();
                if (name.isEmpty()) {
                    continue;
                }
                if (!seen.add(name)) {
                    throw new InvalidSettingsException("Latent column '" + name + "' is listed twice in '" + text
                        + "' (" + VaeDecoderSettings.CFG_Z_COLUMNS + ").");
                }
                names.add(name);
            }
            how = "the list '" + text + "'";
        } else {
            names = prefixed(spec, text);
            how = "the prefix '" + text + "' (columns " + text + "0, " + text + "1, ...)";
            if (names.isEmpty()) {
                if (!spec.containsName(text)) {
                    throw new InvalidSettingsException("No latent columns found for '" + text + "' ("
                        + VaeDecoderSettings.CFG_Z_COLUMNS + "): there is neither a column of that name nor columns "
                        + text + "0, " + text + "1, ... in the input table (columns: " + preview(spec) + ").");
                }
                names = List.of(text);
                how = "the column '" + text + "'";
            }
        }
        return check(spec, names, how, latentSize);
    }

    /** The indices of {@code names}: each in the table and numeric, as many as the model has latent dimensions. */
    private static int[] check(DataTableSpec spec, List<String> names, String how, int latentSize)
        throws InvalidSettingsException {
        int[] idx = new int[names.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = spec.findColumnIndex(names.get(i));
            if (idx[i] < 0) {
                throw new InvalidSettingsException("Latent column '" + names.get(i) + "' (from " + how
                    + ") is not in the input table (columns: " + preview(spec) + ").");
            }
            if (!spec.getColumnSpec(idx[i]).getType().isCompatible(DoubleValue.class)) {
                throw new InvalidSettingsException("Latent column '" + names.get(i) + "' must be numeric, but is "
                    + spec.getColumnSpec(idx[i]).getType().getName() + ".");
            }
        }
        if (idx.length != latentSize) {
            throw new InvalidSettingsException("The model has " + latentSize + " latent dimension"
                + (latentSize == 1 ? "" : "s") + " but " + how + " gives " + idx.length + " column"
                + (idx.length == 1 ? "" : "s") + " (" + preview(names) + "); choose exactly " + latentSize + ".");
        }
        return idx;
    }

    private static List<String> prefixed(DataTableSpec spec, String prefix) {
        Pattern p = Pattern.compile(Pattern.quote(prefix) + "(\\d{1,9})");
        TreeMap<Integer, String> byNumber = new TreeMap<>();
        for (String name : spec.getColumnNames()) {
            Matcher m = p.matcher(name);
            if (m.matches()) {
                byNumber.putIfAbsent(Integer.parseInt(m.group(1)), name);
            }
        }
        return new ArrayList<>(byNumber.values());
    }

    private static String preview(DataTableSpec spec) {
        return preview(List.of(spec.getColumnNames()));
    }

    private static String preview(List<String> names) {
        if (names.size() <= 6) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, 5)) + ", ... (" + names.size() + " in all)";
    }
}
