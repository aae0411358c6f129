package org.knime.core.node.defaultnodesettings;

import org.knime.core.node.InvalidSettingsException;

/** Double setting restricted to [min, max] (shim). */
public class SettingsModelDoubleBounded extends SettingsModelDouble {

    private final double m_min;

    private final double m_max;

    public SettingsModelDoubleBounded(final String configName, final double defaultValue, final double minValue,
        final double maxValue) {
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
    protected SettingsModelDoubleBounded createClone() {
        return new SettingsModelDoubleBounded(getConfigName(), getDoubleValue(), m_min, m_max);
    }

    public double getLowerBound() {
        return m_min;
    }

    public double getUpperBound() {
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

    private void checkBounds(final double value) {
        if (!(value >= m_min && value <= m_max)) {
            throw new IllegalArgumentException("Value (=" + value + ") of \"" + getConfigName()
                + "\" must be within the range [" + m_min + "..." + m_max + "].");
        }
    }

    @Override
    protected void validateValue(final double value) throws InvalidSettingsException {
        super.validateValue(value);
        try {
            checkBounds(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(e.getMessage());
        }
    }

    @Override
    public void setDoubleValue(final double newValue) {
        checkBounds(newValue);
        super.setDoubleValue(newValue);
    }
}
