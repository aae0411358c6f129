package org.knime.core.node.defaultnodesettings;

import org.knime.core.node.InvalidSettingsException;

/** Integer setting restricted to [min, max] (shim). */
public class SettingsModelIntegerBounded extends SettingsModelInteger {

    private final int m_min;

    private final int m_max;

    public SettingsModelIntegerBounded(final String configName, final int defaultValue, final int minValue,
        final int maxValue) {
        super(configName, defaultValue);
        if (minValue > maxValue) {
            throw new IllegalArgumentException("Minimum (" + minValue + ") must not be larger than maximum ("
                + maxValue + ") for \"" + configName + "\"");
        }
        m_min = minValue;
        m_max = maxValue;
        checkBounds(defaultValue);
    }

    @Override
    protected SettingsModelIntegerBounded createClone() {
        return new SettingsModelIntegerBounded(getConfigName(), getIntValue(), m_min, m_max);
    }

    public int getLowerBound() {
        return m_min;
    }

    public int getUpperBound() {
        return m_max;
    }

    @Override
    Number lowerBound() {
        return m_min;
    }

    @Override
    Number upperBound() {
        return m_max;
    }

    private void checkBounds(final int value) {
        if (value < m_min || value > m_max) {
            throw new IllegalArgumentException("Value (=" + value + ") of \"" + getConfigName()
                + "\" must be within the range [" + m_min + "..." + m_max + "].");
        }
    }

    @Override
    protected void validateValue(final int value) throws InvalidSettingsException {
        super.validateValue(value);
        try {
            checkBounds(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(e.getMessage());
        }
    }

    @Override
    public void setIntValue(final int newValue) {
        checkBounds(newValue);
        super.setIntValue(newValue);
    }
}
