package org.vaenodes.knime.util;

import java.util.function.BooleanSupplier;
import java.util.function.Function;

import javax.swing.AbstractButton;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.DialogComponentButtonGroup;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.knime.core.node.util.ButtonGroupEnumInterface;

/**
 * A choice setting: a string settings model holding one of an enum's ids (what flow variables and batch options set)
 * and the enum value it stands for; the dialog shows each choice's label as a radio button.
 *
 * @param <E> the choices
 */
public final class ChoiceSetting<E extends Enum<E>> {

    private final Class<E> choices;
    private final Function<E, String> labels;
    private final Setting<SettingsModelString> setting;
    private Function<E, String> whyNot = choice -> null;
    /** The dialog's buttons, once a dialog made them. */
    private DialogComponentButtonGroup buttons;

    private ChoiceSetting(String key, E defaultChoice, Function<E, String> labels) {
        this.choices = defaultChoice.getDeclaringClass();
        this.labels = labels;
        this.setting = Setting.of(key, new SettingsModelString(key, SettingChoice.idOf(defaultChoice)), s -> {
            buttons = new DialogComponentButtonGroup(s.model(), s.label(), true, buttonsFor(defaultChoice));
            return buttons;
        });
    }

    /** A choice among the constants of a node's own choice enum, each labelled as it says. */
    public static <E extends Enum<E> & SettingChoice> ChoiceSetting<E> of(String key, E defaultChoice) {
        return new ChoiceSetting<>(key, defaultChoice, SettingChoice::label);
    }

    /** A choice among the constants of any enum (an engine's, say), labelled by {@code labels}. */
    public static <E extends Enum<E>> ChoiceSetting<E> of(String key, E defaultChoice, Function<E, String> labels) {
        return new ChoiceSetting<>(key, defaultChoice, labels);
    }

    /** See {@link Setting#label}. */
    public ChoiceSetting<E> label(String text) {
        setting.label(text);
        return this;
    }

    /** See {@link Setting#description}. */
    public ChoiceSetting<E> description(String html) {
        setting.description(html);
        return this;
    }

    /** See {@link Setting#since}. */
    public ChoiceSetting<E> since(String release) {
        setting.since(release);
        return this;
    }

    /** See {@link Setting#section}. */
    public ChoiceSetting<E> section(String name) {
        setting.section(name);
        return this;
    }

    /** See {@link Setting#appliesWhen}. */
    public ChoiceSetting<E> appliesWhen(BooleanSupplier condition) {
        setting.appliesWhen(condition);
        return this;
    }

    /**
     * When single choices cannot be taken with the other settings' values: {@code whyNot} gives the reason (shown
     * as the disabled button's tool tip) or null. The settings' checks still refuse such a choice; this only shows it.
     */
    public ChoiceSetting<E> unavailableWhen(Function<E, String> whyNot) {
        this.whyNot = whyNot;
        return this;
    }

    /** The declaration. */
    public Setting<SettingsModelString> setting() {
        return setting;
    }

    /** Why {@code choice} cannot be taken with the other settings' values now, or null. */
    public String whyNotNow(E choice) {
        return whyNot.apply(choice);
    }

    /** Enables the buttons of the choices that can be taken now, if the dialog shows them. */
    void refreshChoices() {
        if (buttons == null) {
            return;
        }
        for (E choice : choices.getEnumConstants()) {
            AbstractButton b = buttons.getButton(SettingChoice.idOf(choice));
            String why = whyNot.apply(choice);
            b.setEnabled(why == null && setting.model().isEnabled());
            b.setToolTipText(why);
        }
    }

    /** The settings model. */
    public SettingsModelString model() {
        return setting.model();
    }

    /** Every choice's id, in declaration order. */
    public String[] ids() {
        return SettingChoice.ids(choices.getEnumConstants());
    }

    /** The label the dialog shows for a choice. */
    public String label(E choice) {
        return labels.apply(choice);
    }

    /** The chosen value; an unknown id is an error naming the setting and the known ids. */
    public E value() throws InvalidSettingsException {
        return SettingChoice.parse(choices.getEnumConstants(), model().getStringValue(), setting.key());
    }

    /** The chosen value, or null while the id is not one of the choices (for what applies in a dialog). */
    public E valueOrNull() {
        try {
            return value();
        } catch (InvalidSettingsException e) {
            return null;
        }
    }

    private ButtonGroupEnumInterface[] buttonsFor(E defaultChoice) {
        E[] values = choices.getEnumConstants();
        ButtonGroupEnumInterface[] buttons = new ButtonGroupEnumInterface[values.length];
        for (int i = 0; i < values.length; i++) {
            E choice = values[i];
            buttons[i] = new ButtonGroupEnumInterface() {
                @Override
                public String getText() {
                    return labels.apply(choice);
                }

                @Override
                public String getActionCommand() {
                    return SettingChoice.idOf(choice);
                }

                @Override
                public String getToolTip() {
                    return null;
                }

                @Override
                public boolean isDefault() {
                    return choice == defaultChoice;
                }
            };
        }
        return buttons;
    }
}
