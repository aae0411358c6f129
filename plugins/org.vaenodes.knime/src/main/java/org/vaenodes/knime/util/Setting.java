package org.vaenodes.knime.util;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import javax.swing.JFileChooser;

import org.knime.core.data.DataValue;
import org.knime.core.node.defaultnodesettings.DialogComponent;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnFilter2;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnNameSelection;
import org.knime.core.node.defaultnodesettings.DialogComponentFileChooser;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelColumnFilter2;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelInteger;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/**
 * One setting of a node, declared once. From the declaration come the settings model (its key is the entry the value
 * is saved under and the name of the flow variable that can set it), the dialog's component with the declared label,
 * the node description's option of the same name and text (NodeDescriptionTest holds the factory XML to it), loading
 * of workflows saved before the release that added it, and whether it applies: a setting that does not apply is
 * disabled in the dialog and its value is not used.
 *
 * @param <M> the settings model holding the value
 */
public final class Setting<M extends SettingsModel> {

    /** The first release: settings added later may be missing from older workflows, which then get the default. */
    public static final String FIRST_RELEASE = "0.1.0";

    private static final BooleanSupplier ALWAYS = () -> true;

    private final String key;
    private final M model;
    private Function<Setting<M>, DialogComponent> editor;
    private String label;
    private String description;
    private String since = FIRST_RELEASE;
    private String section = "Options";
    private BooleanSupplier applies = ALWAYS;
    private boolean optional;

    private Setting(String key, M model, Function<Setting<M>, DialogComponent> editor) {
        this.key = key;
        this.model = model;
        this.editor = editor;
    }

    /** A whole number between {@code min} and {@code max}, edited by a spinner moving in {@code step}s. */
    public static Setting<SettingsModelIntegerBounded> integer(String key, int value, int min, int max, int step) {
        return new Setting<>(key, new SettingsModelIntegerBounded(key, value, min, max),
            s -> new DialogComponentNumber(s.model(), s.label(), step));
    }

    /** Any int (a seed, say), edited by a spinner. */
    public static Setting<SettingsModelInteger> anyInteger(String key, int value) {
        return new Setting<>(key, new SettingsModelInteger(key, value),
            s -> new DialogComponentNumber(s.model(), s.label(), 1));
    }

    /** A number between {@code min} and {@code max}, edited by a spinner moving in {@code step}s. */
    public static Setting<SettingsModelDoubleBounded> real(String key, double value, double min, double max,
        double step) {
        return new Setting<>(key, new SettingsModelDoubleBounded(key, value, min, max),
            s -> new DialogComponentNumber(s.model(), s.label(), step));
    }

    /** A text, edited in a field {@code columns} wide. */
    public static Setting<SettingsModelString> text(String key, String value, int columns) {
        return new Setting<>(key, new SettingsModelString(key, value),
            s -> new DialogComponentString(s.model(), s.label(), false, columns));
    }

    /** On or off, edited by a check box. */
    public static Setting<SettingsModelBoolean> flag(String key, boolean value) {
        return new Setting<>(key, new SettingsModelBoolean(key, value), s -> new DialogComponentBoolean(s.model(),
            s.label()));
    }

    /**
     * The name of one column of the node's first input table of one of {@code types}, chosen from those columns;
     * with {@code allowNone}, "none" (the empty string) is a choice too.
     */
    @SafeVarargs
    public static Setting<SettingsModelString> column(String key, boolean allowNone,
        Class<? extends DataValue>... types) {
        return new Setting<>(key, new SettingsModelString(key, ""),
            s -> new DialogComponentColumnNameSelection(s.model(), s.label(), 0, false, allowNone, types));
    }

    /** Columns of the node's first input table of one of {@code types}, chosen with KNIME's column filter. */
    @SafeVarargs
    public static Setting<SettingsModelColumnFilter2> columns(String key, Class<? extends DataValue>... types) {
        return columns(key, 0, types);
    }

    /** Columns of the table at input {@code port} of one of {@code types}, chosen with KNIME's column filter. */
    @SafeVarargs
    public static Setting<SettingsModelColumnFilter2> columns(String key, int port,
        Class<? extends DataValue>... types) {
        return new Setting<>(key, new SettingsModelColumnFilter2(key, types),
            s -> new DialogComponentColumnFilter2(s.model(), port));
    }

    /**
     * A file path or URL, chosen with KNIME's file chooser ({@code dialogType}: {@code JFileChooser.OPEN_DIALOG} or
     * {@code SAVE_DIALOG}) that remembers recent choices under {@code historyId} and offers files of
     * {@code extensions}.
     */
    public static Setting<SettingsModelString> file(String key, String historyId, int dialogType,
        String... extensions) {
        return new Setting<>(key, new SettingsModelString(key, ""),
            s -> {
                DialogComponentFileChooser chooser = new DialogComponentFileChooser(s.model(), historyId, dialogType,
                    extensions);
                chooser.setBorderTitle(s.label());
                return chooser;
            });
    }

    /** A folder path or URL, chosen with KNIME's file chooser in folder mode (recent choices under {@code historyId}). */
    public static Setting<SettingsModelString> folder(String key, String historyId) {
        return new Setting<>(key, new SettingsModelString(key, ""), s -> {
            DialogComponentFileChooser chooser = new DialogComponentFileChooser(s.model(), historyId,
                JFileChooser.OPEN_DIALOG, true);
            chooser.setBorderTitle(s.label());
            return chooser;
        });
    }

    /** A setting of a model and editor of the caller's. */
    public static <M extends SettingsModel> Setting<M> of(String key, M model,
        Function<Setting<M>, DialogComponent> editor) {
        return new Setting<>(key, model, editor);
    }

    /** The dialog label, which is also the option's name in the node description. */
    public Setting<M> label(String text) {
        this.label = text;
        return this;
    }

    /** The option's text in the node description, as HTML (without the "[key]" that the description starts with). */
    public Setting<M> description(String html) {
        this.description = html;
        return this;
    }

    /** The release that added this setting (default: the first). */
    public Setting<M> since(String release) {
        this.since = release;
        return this;
    }

    /** The dialog tab or group, and the description's tab, the setting belongs to. */
    public Setting<M> section(String name) {
        this.section = name;
        return this;
    }

    /** When the setting applies (default: always); asked again whenever a setting changes in the dialog. */
    public Setting<M> appliesWhen(BooleanSupplier condition) {
        this.applies = Objects.requireNonNull(condition);
        return this;
    }

    /** Marks the option as optional in the node description (e.g. a file that may be left empty). */
    public Setting<M> optional() {
        this.optional = true;
        return this;
    }

    /** Another editor than the kind's usual one. */
    public Setting<M> editor(Function<Setting<M>, DialogComponent> component) {
        this.editor = Objects.requireNonNull(component);
        return this;
    }

    public String key() {
        return key;
    }

    public M model() {
        return model;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    public String since() {
        return since;
    }

    public String section() {
        return section;
    }

    /** Whether the node description marks the option as optional. */
    public boolean isOptional() {
        return optional;
    }

    /** Whether the setting applies with the current values of the others. */
    public boolean applies() {
        return applies.getAsBoolean();
    }

    /** Whether older workflows may lack it. */
    public boolean addedLater() {
        return !FIRST_RELEASE.equals(since);
    }

    /** A new dialog component editing this setting. */
    public DialogComponent createEditor() {
        return editor.apply(this);
    }
}
