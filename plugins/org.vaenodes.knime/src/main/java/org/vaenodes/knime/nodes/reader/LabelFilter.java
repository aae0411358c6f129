package org.vaenodes.knime.nodes.reader;

import java.util.BitSet;

import org.knime.core.node.InvalidSettingsException;

/**
 * The labels the reader keeps, parsed from text such as {@code 0-8}, {@code 0,1,2} or {@code 1-3, 7}: class ids 0 to
 * 255 and inclusive ranges of them, separated by commas, blanks allowed around every part. Empty text keeps all.
 */
final class LabelFilter {

    /** The largest label an IDX label file can hold (one unsigned byte). */
    static final int MAX_LABEL = 255;

    private static final LabelFilter ALL = new LabelFilter(null);

    /** The kept labels; null: all of them. */
    private final BitSet kept;

    private LabelFilter(BitSet kept) {
        this.kept = kept;
    }

    /**
     * Parses the text of the setting {@code key}; a wrong entry is an error naming the setting and the entry.
     *
     * @throws InvalidSettingsException if an entry is not a label or a range of labels
     */
    static LabelFilter parse(String text, String key) throws InvalidSettingsException {
        if (text == null || text.isBlank()) {
            return ALL;
        }
        BitSet kept = new BitSet(MAX_LABEL + 1);
        for (String entry : text.split(",", -1)) {
            String t = entry.strip();
            int dash = t.indexOf('-', 1); // from 1: a leading minus is a (negative) number, not a range
            if (dash < 0) {
                int label = label(t, entry, text, key);
                kept.set(label);
            } else {
                int from = label(t.substring(0, dash).strip(), entry, text, key);
                int to = label(t.substring(dash + 1).strip(), entry, text, key);
                if (from > to) {
                    throw bad(entry, text, key, "the range runs backwards (write it as " + to + "-" + from + ")");
                }
                kept.set(from, to + 1);
            }
        }
        return new LabelFilter(kept);
    }

    private static int label(String digits, String entry, String text, String key) throws InvalidSettingsException {
        if (digits.isEmpty()) {
            throw bad(entry, text, key, entry.isBlank() ? "the entry is empty" : "a label is missing");
        }
        if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw bad(entry, text, key, "'" + digits + "' is not a label (a whole number from 0 to " + MAX_LABEL + ")");
        }
        if (digits.length() > 3 || Integer.parseInt(digits) > MAX_LABEL) {
            throw bad(entry, text, key, "labels go from 0 to " + MAX_LABEL + ", not " + digits);
        }
        return Integer.parseInt(digits);
    }

    private static InvalidSettingsException bad(String entry, String text, String key, String why) {
        return new InvalidSettingsException("Labels to keep (" + key + "): cannot use '" + entry.strip() + "' in '" + text
            + "': " + why + ". Give labels and ranges separated by commas, such as '0-8', '0,1,2' or '1-3,7', or "
            + "leave it empty to keep all images.");
    }

    /** Whether every label is kept (the text was empty). */
    boolean keepsAll() {
        return kept == null;
    }

    /** Whether images with this label are kept. */
    boolean keeps(int label) {
        return kept == null || kept.get(label);
    }

    /** The kept labels in the short form the setting accepts, e.g. "0-3,7"; "all" when nothing is filtered. */
    @Override
    public String toString() {
        if (kept == null) {
            return "all";
        }
        StringBuilder sb = new StringBuilder();
        for (int from = kept.nextSetBit(0); from >= 0; from = kept.nextSetBit(kept.nextClearBit(from))) {
            int to = kept.nextClearBit(from) - 1;
            sb.append(sb.length() == 0 ? "" : ",").append(from).append(from == to ? "" : "-" + to);
        }
        return sb.toString();
    }
}
