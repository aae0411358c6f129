package org.knime.core.node.defaultnodesettings;

import org.knime.core.node.InvalidSettingsException;

/** Long setting restricted to [min, max] (shim). */
public class SettingsModelLongBounded extends SettingsModelLong {

    private final long m_min;

    private final long m_max;

    public SettingsModelLongBounded(final String configName, final long defaultValue, final long minValue,
        final long maxValue) {
        super(configName, defaultValue);
        if (minValue > maxValue) {
            throw new IllegalArgumentException("Minimum (" + minValue + ") must not be larger than maximum ("
                + maxValue + ") for \"" + configName + "\"");
        }
        m_min = minValue;
        m_max = maxValue;
        checkBounds(defaultValue);
    }

    @SuppressWarnings("unchecked")
    @Override
    protected SettingsModelLongBounded createClone() {
        return new SettingsModelLongBounded(getConfigName(), getLongValue(), m_min, m_max);
    }

    public long getLowerBound() {
        return m_min;
    }

    public long getUpperBound() {
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

    private void checkBounds(final long value) {
        if (value < m_min || value > m_max) {
            throw new IllegalArgumentException("Value (=" + value + ") of \"" + getConfigName()
                + "\" must be within the range [" + m_min + "..." + m_max + "].");
        }
    }

    @Override
    protected void validateValue(final long value) throws InvalidSettingsException {
        super.validateValue(value);
        try {
            checkBounds(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(e.getMessage());
        }
    }

    @Override
    public void setLongValue(final long newValue) {
        checkBounds(newValue);
        super.setLongValue(newValue);
    }
}
