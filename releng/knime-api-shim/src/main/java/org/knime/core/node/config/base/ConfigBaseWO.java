package org.knime.core.node.config.base;

/** Write access to a settings tree (shim). */
public interface ConfigBaseWO {

    ConfigBase addConfigBase(String key);

    String getKey();

    public void addInt(final String key, final int value);

    public void addDouble(final String key, final double value);

    public void addFloat(final String key, final float value);

    public void addChar(final String key, final char value);

    public void addShort(final String key, final short value);

    public void addLong(final String key, final long value);

    public void addByte(final String key, final byte value);

    public void addString(final String key, final String value);

    public void addBoolean(final String key, final boolean value);

    public void addIntArray(final String key, final int... values);

    public void addDoubleArray(final String key, final double... values);

    public void addFloatArray(final String key, final float... values);

    public void addByteArray(final String key, final byte... values);

    public void addShortArray(final String key, final short... values);

    public void addLongArray(final String key, final long... values);

    public void addCharArray(final String key, final char... values);

    public void addBooleanArray(final String key, final boolean... values);

    public void addStringArray(final String key, final String... values);
}
