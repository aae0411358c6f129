package org.knime.core.node.config.base;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.knime.core.node.InvalidSettingsException;

/**
 * Settings tree (shim): an ordered map from key to either a typed leaf value or a nested config. Values are kept in
 * the string form the XMLConfig format uses, with the XMLConfig type names (xint, xdouble, ...). Arrays are nested
 * configs with an "array-size" entry and entries "0", "1", ...
 */
public abstract class ConfigBase extends AbstractConfigEntry implements ConfigBaseRO, ConfigBaseWO {

    private static final long serialVersionUID = 1L;

    private static final String ARRAY_SIZE = "array-size";

    private final LinkedHashMap<String, AbstractConfigEntry> m_map = new LinkedHashMap<>();

    public ConfigBase(final String key) {
        super(key);
    }

    public abstract ConfigBase getInstance(final String key);

    // ---- tree structure --------------------------------------------------------------------------------------

    @Override
    public final ConfigBase addConfigBase(final String key) {
        ConfigBase child = getInstance(key);
        putEntry(key, child);
        return child;
    }

    protected final void addConfigBase(final ConfigBase config) {
        putEntry(config.getKey(), config);
    }

    @Override
    public final ConfigBase getConfigBase(final String key) throws InvalidSettingsException {
        AbstractConfigEntry e = m_map.get(key);
        if (e instanceof ConfigBase c) {
            return c;
        }
        throw new InvalidSettingsException(e == null ? "Config for key \"" + key + "\" not found."
            : "Entry for key \"" + key + "\" is a value, not a config.");
    }

    public final AbstractConfigEntry removeConfig(final String key) {
        return m_map.remove(key);
    }

    public AbstractConfigEntry getEntry(final String key) {
        return m_map.get(key);
    }

    public void addEntry(final AbstractConfigEntry entry) {
        putEntry(entry.getKey(), entry);
    }

    private void putEntry(final String key, final AbstractConfigEntry e) {
        if (key == null) {
            throw new IllegalArgumentException("Settings key must not be null");
        }
        m_map.put(key, e);
    }

    @Override
    public Set<String> keySet() {
        return Collections.unmodifiableSet(m_map.keySet());
    }

    @Override
    public boolean containsKey(final String key) {
        return m_map.containsKey(key);
    }

    @Override
    public final Iterator<String> iterator() {
        return keySet().iterator();
    }

    /** Entries in insertion order (for the XML writer and copyTo). */
    final Map<String, AbstractConfigEntry> entries() {
        return Collections.unmodifiableMap(m_map);
    }

    // ---- leaf values -----------------------------------------------------------------------------------------

    private void put(final String key, final String type, final String value) {
        putEntry(key, new ValueEntry(key, type, value));
    }

    /** Raw value of a leaf of the given type, or an exception naming the key. */
    private String raw(final String key, final String type) throws InvalidSettingsException {
        AbstractConfigEntry e = m_map.get(key);
        if (e == null) {
            throw new InvalidSettingsException(
                "Setting \"" + key + "\" (" + type.substring(1) + ") not found in \"" + getKey() + "\".");
        }
        if (!(e instanceof ValueEntry v) || !v.m_type.equals(type)) {
            String actual = e instanceof ValueEntry v2 ? v2.m_type.substring(1) : "config";
            throw new InvalidSettingsException("Setting \"" + key + "\" in \"" + getKey() + "\" is of type " + actual
                + ", expected " + type.substring(1) + ".");
        }
        return v.m_value;
    }

    private <T> T parsed(final String key, final String type, final Function<String, T> parser)
        throws InvalidSettingsException {
        String s = raw(key, type);
        try {
            return parser.apply(s);
        } catch (RuntimeException e) {
            throw new InvalidSettingsException(
                "Setting \"" + key + "\" has an invalid " + type.substring(1) + " value: \"" + s + "\"", e);
        }
    }

    private static char toChar(final String s) {
        if (s == null || s.length() != 1) {
            throw new IllegalArgumentException("not a single character");
        }
        return s.charAt(0);
    }

    @Override
    public void addInt(final String key, final int value) {
        put(key, "xint", Integer.toString(value));
    }

    @Override
    public int getInt(final String key) throws InvalidSettingsException {
        return parsed(key, "xint", Integer::parseInt);
    }

    @Override
    public void addDouble(final String key, final double value) {
        put(key, "xdouble", Double.toString(value));
    }

    @Override
    public double getDouble(final String key) throws InvalidSettingsException {
        return parsed(key, "xdouble", Double::parseDouble);
    }

    @Override
    public void addFloat(final String key, final float value) {
        put(key, "xfloat", Double.toString(value));
    }

    @Override
    public float getFloat(final String key) throws InvalidSettingsException {
        return parsed(key, "xfloat", Float::parseFloat);
    }

    @Override
    public void addChar(final String key, final char value) {
        put(key, "xchar", Character.toString(value));
    }

    @Override
    public char getChar(final String key) throws InvalidSettingsException {
        return parsed(key, "xchar", ConfigBase::toChar);
    }

    @Override
    public void addShort(final String key, final short value) {
        put(key, "xshort", Short.toString(value));
    }

    @Override
    public short getShort(final String key) throws InvalidSettingsException {
        return parsed(key, "xshort", Short::parseShort);
    }

    @Override
    public void addLong(final String key, final long value) {
        put(key, "xlong", Long.toString(value));
    }

    @Override
    public long getLong(final String key) throws InvalidSettingsException {
        return parsed(key, "xlong", Long::parseLong);
    }

    @Override
    public void addByte(final String key, final byte value) {
        put(key, "xbyte", Byte.toString(value));
    }

    @Override
    public byte getByte(final String key) throws InvalidSettingsException {
        return parsed(key, "xbyte", Byte::parseByte);
    }

    @Override
    public void addString(final String key, final String value) {
        put(key, "xstring", value);
    }

    @Override
    public String getString(final String key) throws InvalidSettingsException {
        return raw(key, "xstring");
    }

    @Override
    public void addBoolean(final String key, final boolean value) {
        put(key, "xboolean", Boolean.toString(value));
    }

    @Override
    public boolean getBoolean(final String key) throws InvalidSettingsException {
        return parsed(key, "xboolean", s -> {
            if (!"true".equals(s) && !"false".equals(s)) {
                throw new IllegalArgumentException(s);
            }
            return Boolean.valueOf(s);
        });
    }

    // ---- getters with defaults -------------------------------------------------------------------------------

    @Override
    public int getInt(final String key, final int def) {
        try {
            return getInt(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public double getDouble(final String key, final double def) {
        try {
            return getDouble(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public float getFloat(final String key, final float def) {
        try {
            return getFloat(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public char getChar(final String key, final char def) {
        try {
            return getChar(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public byte getByte(final String key, final byte def) {
        try {
            return getByte(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public short getShort(final String key, final short def) {
        try {
            return getShort(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public long getLong(final String key, final long def) {
        try {
            return getLong(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public boolean getBoolean(final String key, final boolean def) {
        try {
            return getBoolean(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public String getString(final String key, final String def) {
        try {
            return getString(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    // ---- arrays ----------------------------------------------------------------------------------------------

    /** Element reader used by the array getters. */
    private interface ElementReader {
        void read(ConfigBase arrayConfig, int index) throws InvalidSettingsException;
    }

    /** @return the array size, or -1 for a null array */
    private int arraySize(final String key) throws InvalidSettingsException {
        return getConfigBase(key).getInt(ARRAY_SIZE, -1);
    }

    private void readElements(final String key, final int size, final ElementReader r)
        throws InvalidSettingsException {
        ConfigBase c = getConfigBase(key);
        for (int i = 0; i < size; i++) {
            r.read(c, i);
        }
    }

    /** Adds the array config; returns null if the array itself is null (an empty config is written then). */
    private ConfigBase arrayConfig(final String key, final Object values, final int length) {
        ConfigBase c = addConfigBase(key);
        if (values == null) {
            return null;
        }
        c.addInt(ARRAY_SIZE, length);
        return c;
    }

    private static String idx(final int i) {
        return Integer.toString(i);
    }

    @Override
    public int[] getIntArray(final String key) throws InvalidSettingsException {
        int n = arraySize(key);
        if (n < 0) {
            return null;
        }
        int[] r = new int[n];
        readElements(key, n, (c, i) -> r[i] = c.getInt(idx(i)));
        return r;
    }

    @Override
    public int[] getIntArray(final String key, final int... def) {
        try {
            return getIntArray(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public void addIntArray(final String key, final int... values) {
        ConfigBase c = arrayConfig(key, values, values == null ? 0 : values.length);
        for (int i = 0; c != null && i < values.length; i++) {
            c.addInt(idx(i), values[i]);
        }
    }

    @Override
    public double[] getDoubleArray(final String key) throws InvalidSettingsException {
        int n = arraySize(key);
        if (n < 0) {
            return null;
        }
        double[] r = new double[n];
        readElements(key, n, (c, i) -> r[i] = c.getDouble(idx(i)));
        return r;
    }

    @Override
    public double[] getDoubleArray(final String key, final double... def) {
        try {
            return getDoubleArray(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public void addDoubleArray(final String key, final double... values) {
        ConfigBase c = arrayConfig(key, values, values == null ? 0 : values.length);
        for (int i = 0; c != null && i < values.length; i++) {
            c.addDouble(idx(i), values[i]);
        }
    }

    @Override
    public float[] getFloatArray(final String key) throws InvalidSettingsException {
        int n = arraySize(key);
        if (n < 0) {
            return null;
        }
        float[] r = new float[n];
        readElements(key, n, (c, i) -> r[i] = c.getFloat(idx(i)));
        return r;
    }

    @Override
    public float[] getFloatArray(final String key, final float... def) {
        try {
            return getFloatArray(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public void addFloatArray(final String key, final float... values) {
        ConfigBase c = arrayConfig(key, values, values == null ? 0 : values.length);
        for (int i = 0; c != null && i < values.length; i++) {
            c.addFloat(idx(i), values[i]);
        }
    }

    @Override
    public char[] getCharArray(final String key) throws InvalidSettingsException {
        int n = arraySize(key);
        if (n < 0) {
            return null;
        }
        char[] r = new char[n];
        readElements(key, n, (c, i) -> r[i] = c.getChar(idx(i)));
        return r;
    }

    @Override
    public char[] getCharArray(final String key, final char... def) {
        try {
            return getCharArray(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public void addCharArray(final String key, final char... values) {
        ConfigBase c = arrayConfig(key, values, values == null ? 0 : values.length);
        for (int i = 0; c != null && i < values.length; i++) {
            c.addChar(idx(i), values[i]);
        }
    }

    @Override
    public byte[] getByteArray(final String key) throws InvalidSettingsException {
        int n = arraySize(key);
        if (n < 0) {
            return null;
        }
        byte[] r = new byte[n];
        readElements(key, n, (c, i) -> r[i] = c.getByte(idx(i)));
        return r;
    }

    @Override
    public byte[] getByteArray(final String key, final byte... def) {
        try {
            return getByteArray(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public void addByteArray(final String key, final byte... values) {
        ConfigBase c = arrayConfig(key, values, values == null ? 0 : values.length);
        for (int i = 0; c != null && i < values.length; i++) {
            c.addByte(idx(i), values[i]);
        }
    }

    @Override
    public short[] getShortArray(final String key) throws InvalidSettingsException {
        int n = arraySize(key);
        if (n < 0) {
            return null;
        }
        short[] r = new short[n];
        readElements(key, n, (c, i) -> r[i] = c.getShort(idx(i)));
        return r;
    }

    @Override
    public short[] getShortArray(final String key, final short... def) {
        try {
            return getShortArray(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public void addShortArray(final String key, final short... values) {
        ConfigBase c = arrayConfig(key, values, values == null ? 0 : values.length);
        for (int i = 0; c != null && i < values.length; i++) {
            c.addShort(idx(i), values[i]);
        }
    }

    @Override
    public long[] getLongArray(final String key) throws InvalidSettingsException {
        int n = arraySize(key);
        if (n < 0) {
            return null;
        }
        long[] r = new long[n];
        readElements(key, n, (c, i) -> r[i] = c.getLong(idx(i)));
        return r;
    }

    @Override
    public long[] getLongArray(final String key, final long... def) {
        try {
            return getLongArray(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public void addLongArray(final String key, final long... values) {
        ConfigBase c = arrayConfig(key, values, values == null ? 0 : values.length);
        for (int i = 0; c != null && i < values.length; i++) {
            c.addLong(idx(i), values[i]);
        }
    }

    @Override
    public boolean[] getBooleanArray(final String key) throws InvalidSettingsException {
        int n = arraySize(key);
        if (n < 0) {
            return null;
        }
        boolean[] r = new boolean[n];
        readElements(key, n, (c, i) -> r[i] = c.getBoolean(idx(i)));
        return r;
    }

    @Override
    public boolean[] getBooleanArray(final String key, final boolean... def) {
        try {
            return getBooleanArray(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public void addBooleanArray(final String key, final boolean... values) {
        ConfigBase c = arrayConfig(key, values, values == null ? 0 : values.length);
        for (int i = 0; c != null && i < values.length; i++) {
            c.addBoolean(idx(i), values[i]);
        }
    }

    @Override
    public String[] getStringArray(final String key) throws InvalidSettingsException {
        int n = arraySize(key);
        if (n < 0) {
            return null;
        }
        String[] r = new String[n];
        readElements(key, n, (c, i) -> r[i] = c.getString(idx(i)));
        return r;
    }

    @Override
    public String[] getStringArray(final String key, final String... def) {
        try {
            return getStringArray(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public void addStringArray(final String key, final String... values) {
        ConfigBase c = arrayConfig(key, values, values == null ? 0 : values.length);
        for (int i = 0; c != null && i < values.length; i++) {
            c.addString(idx(i), values[i]);
        }
    }

    // ---- copying, printing, XML --------------------------------------------------------------------------------

    @Override
    public void copyTo(final ConfigBaseWO dest) {
        for (Map.Entry<String, AbstractConfigEntry> e : m_map.entrySet()) {
            if (e.getValue() instanceof ConfigBase child) {
                child.copyTo(dest.addConfigBase(e.getKey()));
            } else {
                ValueEntry v = (ValueEntry)e.getValue();
                if (dest instanceof ConfigBase cb) {
                    cb.put(e.getKey(), v.m_type, v.m_value);
                } else {
                    copyValue(dest, e.getKey(), v);
                }
            }
        }
    }

    private static void copyValue(final ConfigBaseWO dest, final String key, final ValueEntry v) {
        String s = v.m_value;
        switch (v.m_type) {
            case "xint" -> dest.addInt(key, Integer.parseInt(s));
            case "xlong" -> dest.addLong(key, Long.parseLong(s));
            case "xdouble" -> dest.addDouble(key, Double.parseDouble(s));
            case "xfloat" -> dest.addFloat(key, Float.parseFloat(s));
            case "xshort" -> dest.addShort(key, Short.parseShort(s));
            case "xbyte" -> dest.addByte(key, Byte.parseByte(s));
            case "xchar" -> dest.addChar(key, toChar(s));
            case "xboolean" -> dest.addBoolean(key, Boolean.parseBoolean(s));
            default -> dest.addString(key, s);
        }
    }

    /** Adds a leaf as read from XML (type checked). */
    final void addRaw(final String key, final String type, final String value) {
        if (!XmlSupport.TYPES.contains(type)) {
            throw new IllegalArgumentException("Unknown entry type \"" + type + "\" for key \"" + key + "\"");
        }
        if (value == null && !"xstring".equals(type)) {
            throw new IllegalArgumentException("Only strings may be null (key \"" + key + "\")");
        }
        put(key, type, value);
    }

    @Override
    final boolean sameValue(final AbstractConfigEntry other) {
        return m_map.equals(((ConfigBase)other).m_map);
    }

    @Override
    public final String toStringValue() {
        return getKey();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        appendTo(sb, 0);
        return sb.toString();
    }

    private void appendTo(final StringBuilder sb, final int depth) {
        sb.append("  ".repeat(depth)).append(getKey()).append(":\n");
        for (AbstractConfigEntry e : m_map.values()) {
            if (e instanceof ConfigBase c) {
                c.appendTo(sb, depth + 1);
            } else {
                ValueEntry v = (ValueEntry)e;
                sb.append("  ".repeat(depth + 1)).append(v.getKey()).append(" (").append(v.m_type).append(") -> ")
                    .append(v.m_value).append('\n');
            }
        }
    }

    @Override
    public final void saveToXML(final OutputStream os) throws IOException {
        XmlSupport.write(this, os);
    }

    protected static ConfigBase loadFromXML(final ConfigBase config, final InputStream in) throws IOException {
        XmlSupport.read(config, in);
        return config;
    }

    public void load(final InputStream is) throws IOException {
        XmlSupport.read(this, is);
    }
}
