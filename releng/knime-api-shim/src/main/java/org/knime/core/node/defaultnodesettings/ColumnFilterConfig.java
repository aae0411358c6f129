package org.knime.core.node.defaultnodesettings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataValue;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.util.filter.NameFilterConfiguration.FilterResult;

/**
 * State of a column filter (shim, not KNIME API): manual include/exclude lists with an enforce option, a name
 * pattern and a type selection, stored in the layout KNIME uses for column filters:
 *
 * <pre>
 * &lt;root&gt;
 *   filter-type      STANDARD | name_pattern | datatype
 *   included_names   string array
 *   excluded_names   string array
 *   enforce_option   EnforceExclusion | EnforceInclusion
 *   name_pattern     { pattern, type (Wildcard|Regex), caseSensitive, excludeMatching }
 *   datatype         { typelist { &lt;DataValue class name&gt; = boolean ... } }
 * </pre>
 */
final class ColumnFilterConfig {

    static final String TYPE_STANDARD = "STANDARD";

    static final String TYPE_PATTERN = "name_pattern";

    static final String TYPE_DATATYPE = "datatype";

    static final String ENFORCE_EXCLUSION = "EnforceExclusion";

    static final String ENFORCE_INCLUSION = "EnforceInclusion";

    private static final String KEY_FILTER_TYPE = "filter-type";

    private static final String KEY_INCLUDED = "included_names";

    private static final String KEY_EXCLUDED = "excluded_names";

    private static final String KEY_ENFORCE = "enforce_option";

    private static final String KEY_PATTERN = "pattern";

    private static final String KEY_PATTERN_TYPE = "type";

    private static final String KEY_CASE = "caseSensitive";

    private static final String KEY_EXCLUDE_MATCHING = "excludeMatching";

    private static final String KEY_TYPELIST = "typelist";

    private static final String[] NONE = new String[0];

    private final String m_root;

    /** Columns offered at all; null: every column. */
    private final Class<? extends DataValue>[] m_allowed;

    private final boolean m_patternEnabled;

    private final boolean m_typeEnabled;

    String m_type = TYPE_STANDARD;

    String[] m_includes = NONE;

    String[] m_excludes = NONE;

    String[] m_removedFromIncludes = NONE;

    String[] m_removedFromExcludes = NONE;

    boolean m_enforceInclusion;

    String m_pattern = "";

    boolean m_regex;

    boolean m_caseSensitive = true;

    boolean m_excludeMatching;

    LinkedHashMap<String, Boolean> m_typeSelection = new LinkedHashMap<>();

    ColumnFilterConfig(final String root, final Class<? extends DataValue>[] allowed, final boolean patternEnabled,
        final boolean typeEnabled) {
        if (root == null || root.isEmpty()) {
            throw new IllegalArgumentException("Config name must not be null or empty.");
        }
        if (allowed != null) {
            if (allowed.length == 0 || Arrays.asList(allowed).contains(null)) {
                throw new NullPointerException("Value classes must not be null or empty");
            }
        }
        m_root = root;
        m_allowed = allowed;
        m_patternEnabled = patternEnabled;
        m_typeEnabled = typeEnabled;
    }

    String root() {
        return m_root;
    }

    boolean hasTypeRestriction() {
        return m_allowed != null;
    }

    ColumnFilterConfig copy() {
        ColumnFilterConfig c = new ColumnFilterConfig(m_root, m_allowed, m_patternEnabled, m_typeEnabled);
        c.copyStateFrom(this);
        return c;
    }

    void copyStateFrom(final ColumnFilterConfig o) {
        m_type = o.m_type;
        m_includes = o.m_includes.clone();
        m_excludes = o.m_excludes.clone();
        m_removedFromIncludes = o.m_removedFromIncludes.clone();
        m_removedFromExcludes = o.m_removedFromExcludes.clone();
        m_enforceInclusion = o.m_enforceInclusion;
        m_pattern = o.m_pattern;
        m_regex = o.m_regex;
        m_caseSensitive = o.m_caseSensitive;
        m_excludeMatching = o.m_excludeMatching;
        m_typeSelection = new LinkedHashMap<>(o.m_typeSelection);
    }

    /** Whether the column passes the fixed type restriction of the model. */
    boolean accepts(final DataColumnSpec col) {
        if (m_allowed == null) {
            return true;
        }
        for (Class<? extends DataValue> cl : m_allowed) {
            if (col.getType().isCompatible(cl)) {
                return true;
            }
        }
        return false;
    }

    String[] acceptedNames(final DataTableSpec spec) {
        List<String> names = new ArrayList<>();
        if (spec != null) {
            for (DataColumnSpec c : spec) {
                if (accepts(c)) {
                    names.add(c.getName());
                }
            }
        }
        return names.toArray(NONE);
    }

    private boolean isKnownType(final String type) {
        return TYPE_STANDARD.equals(type) || (m_patternEnabled && TYPE_PATTERN.equals(type))
            || (m_typeEnabled && TYPE_DATATYPE.equals(type));
    }

    private static boolean parseEnforce(final String s) throws InvalidSettingsException {
        if (ENFORCE_INCLUSION.equals(s)) {
            return true;
        }
        if (ENFORCE_EXCLUSION.equals(s)) {
            return false;
        }
        throw new InvalidSettingsException("Can't parse enforce option: " + s);
    }

    // ---- save / load --------------------------------------------------------------------------------------------

    void save(final NodeSettingsWO settings) {
        NodeSettingsWO sub = settings.addNodeSettings(m_root);
        sub.addString(KEY_FILTER_TYPE, m_type);
        sub.addStringArray(KEY_INCLUDED, m_enforceInclusion ? concat(m_includes, m_removedFromIncludes) : m_includes);
        sub.addStringArray(KEY_EXCLUDED, m_enforceInclusion ? m_excludes : concat(m_excludes, m_removedFromExcludes));
        sub.addString(KEY_ENFORCE, m_enforceInclusion ? ENFORCE_INCLUSION : ENFORCE_EXCLUSION);
        NodeSettingsWO pattern = sub.addNodeSettings(TYPE_PATTERN);
        pattern.addString(KEY_PATTERN, m_pattern);
        pattern.addString(KEY_PATTERN_TYPE, m_regex ? "Regex" : "Wildcard");
        pattern.addBoolean(KEY_CASE, m_caseSensitive);
        pattern.addBoolean(KEY_EXCLUDE_MATCHING, m_excludeMatching);
        NodeSettingsWO types = sub.addNodeSettings(TYPE_DATATYPE).addNodeSettings(KEY_TYPELIST);
        m_typeSelection.forEach(types::addBoolean);
    }

    /** Strict load (node model side); leaves this object unchanged on failure. */
    void loadInModel(final NodeSettingsRO settings) throws InvalidSettingsException {
        ColumnFilterConfig n = copy();
        NodeSettingsRO sub = settings.getNodeSettings(m_root);
        String type = sub.getString(KEY_FILTER_TYPE);
        if (type == null || !isKnownType(type)) {
            throw new InvalidSettingsException("Invalid type: " + type);
        }
        n.m_type = type;
        n.m_enforceInclusion = parseEnforce(sub.getString(KEY_ENFORCE));
        n.m_includes = orNone(sub.getStringArray(KEY_INCLUDED));
        n.m_excludes = orNone(sub.getStringArray(KEY_EXCLUDED));
        try {
            NodeSettingsRO p = sub.getNodeSettings(TYPE_PATTERN);
            String pattern = p.getString(KEY_PATTERN);
            if (pattern == null) {
                throw new InvalidSettingsException("Pattern must not be null");
            }
            n.m_pattern = pattern;
            n.m_regex = parsePatternType(p.getString(KEY_PATTERN_TYPE));
            n.m_caseSensitive = p.getBoolean(KEY_CASE);
            n.m_excludeMatching = p.getBoolean(KEY_EXCLUDE_MATCHING, false);
            try {
                n.compile();
            } catch (PatternSyntaxException e) {
                throw new InvalidSettingsException("The pattern is invalid", e);
            }
        } catch (InvalidSettingsException e) {
            if (TYPE_PATTERN.equals(type)) {
                throw e;
            }
            n.m_pattern = m_pattern; // pattern not in use: keep what we had
            n.m_regex = m_regex;
            n.m_caseSensitive = m_caseSensitive;
            n.m_excludeMatching = m_excludeMatching;
        }
        try {
            NodeSettingsRO list = sub.getNodeSettings(TYPE_DATATYPE).getNodeSettings(KEY_TYPELIST);
            LinkedHashMap<String, Boolean> sel = new LinkedHashMap<>();
            for (String key : list.keySet()) {
                sel.put(key, list.getBoolean(key, false));
            }
            n.m_typeSelection = sel;
        } catch (InvalidSettingsException e) {
            if (TYPE_DATATYPE.equals(type)) {
                throw e;
            }
        }
        copyStateFrom(n);
    }

    /** Lenient load (dialog side): anything missing or broken falls back to defaults; lists are fitted to spec. */
    void loadInDialog(final NodeSettingsRO settings, final DataTableSpec spec) {
        NodeSettingsRO sub;
        try {
            sub = settings.getNodeSettings(m_root);
        } catch (InvalidSettingsException e) {
            sub = new NodeSettings("empty");
        }
        String type = sub.getString(KEY_FILTER_TYPE, TYPE_STANDARD);
        m_type = type != null && isKnownType(type) ? type : TYPE_STANDARD;
        m_includes = orNone(sub.getStringArray(KEY_INCLUDED, NONE));
        m_excludes = orNone(sub.getStringArray(KEY_EXCLUDED, NONE));
        try {
            m_enforceInclusion = parseEnforce(sub.getString(KEY_ENFORCE));
        } catch (InvalidSettingsException e) {
            m_enforceInclusion = false;
        }
        NodeSettingsRO p;
        try {
            p = sub.getNodeSettings(TYPE_PATTERN);
        } catch (InvalidSettingsException e) {
            p = new NodeSettings("empty");
        }
        String pattern = p.getString(KEY_PATTERN, null);
        m_pattern = pattern == null ? "" : pattern;
        m_regex = "Regex".equals(p.getString(KEY_PATTERN_TYPE, null));
        m_caseSensitive = p.getBoolean(KEY_CASE, true);
        m_excludeMatching = p.getBoolean(KEY_EXCLUDE_MATCHING, false);

        FilterResult r = applyManual(acceptedNames(spec));
        m_includes = r.getIncludes();
        m_excludes = r.getExcludes();
        if (m_enforceInclusion) {
            m_removedFromIncludes = r.getRemovedFromIncludes();
        } else {
            m_removedFromExcludes = r.getRemovedFromExcludes();
        }

        m_typeSelection = new LinkedHashMap<>();
        try {
            NodeSettingsRO list = sub.getNodeSettings(TYPE_DATATYPE).getNodeSettings(KEY_TYPELIST);
            for (String key : list.keySet()) {
                m_typeSelection.put(key, list.getBoolean(key, false));
            }
        } catch (InvalidSettingsException e) {
            // no type selection stored
        }
    }

    /** All accepted columns of the spec included, the rest enforced to be included as well. */
    void loadDefaults(final DataTableSpec spec) {
        m_includes = acceptedNames(spec);
        m_enforceInclusion = false;
        if (m_allowed != null) {
            List<Class<? extends DataValue>> classes = new ArrayList<>();
            for (String name : concat(m_includes, m_excludes)) {
                DataColumnSpec c = spec.getColumnSpec(name);
                if (c != null) {
                    classes.add(c.getType().getPreferredValueClass());
                }
            }
            classes.addAll(Arrays.asList(m_allowed));
            for (Class<? extends DataValue> cl : classes) {
                m_typeSelection.putIfAbsent(cl.getName(), false);
            }
        }
    }

    // ---- filtering ---------------------------------------------------------------------------------------------

    FilterResult applyTo(final DataTableSpec spec) {
        if (TYPE_DATATYPE.equals(m_type)) {
            List<String> in = new ArrayList<>();
            List<String> out = new ArrayList<>();
            for (DataColumnSpec c : spec) {
                String key = c.getType().getPreferredValueClass().getName();
                if (accepts(c) && Boolean.TRUE.equals(m_typeSelection.get(key))) {
                    in.add(c.getName());
                } else {
                    out.add(c.getName());
                }
            }
            return new FilterResult(in, out, List.of(), List.of());
        }
        String[] names = acceptedNames(spec);
        if (TYPE_PATTERN.equals(m_type)) {
            Pattern p = compile();
            List<String> matching = new ArrayList<>();
            List<String> other = new ArrayList<>();
            for (String n : names) {
                (p.matcher(n).matches() ? matching : other).add(n);
            }
            return m_excludeMatching ? new FilterResult(other, matching, List.of(), List.of())
                : new FilterResult(matching, other, List.of(), List.of());
        }
        return applyManual(names);
    }

    private FilterResult applyManual(final String[] names) {
        Set<String> in = new LinkedHashSet<>(Arrays.asList(concat(m_includes, m_removedFromIncludes)));
        Set<String> out = new LinkedHashSet<>(Arrays.asList(concat(m_excludes, m_removedFromExcludes)));
        List<String> incl = new ArrayList<>();
        List<String> excl = new ArrayList<>();
        for (String name : names) {
            if (in.remove(name)) {
                out.remove(name);
                incl.add(name);
            } else if (out.remove(name)) {
                excl.add(name);
            } else if (m_enforceInclusion) {
                excl.add(name); // new column, only listed includes count
            } else {
                incl.add(name); // new column, only listed excludes count
            }
        }
        return new FilterResult(incl, excl, new ArrayList<>(in), new ArrayList<>(out));
    }

    private Pattern compile() {
        String regex = m_regex ? m_pattern : wildcardToRegex(m_pattern);
        return m_caseSensitive ? Pattern.compile(regex)
            : Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    private static String wildcardToRegex(final String wildcard) {
        StringBuilder b = new StringBuilder();
        for (char c : wildcard.toCharArray()) {
            if (c == '*') {
                b.append(".*");
            } else if (c == '?') {
                b.append('.');
            } else if ("\\^$[]{}()|+.".indexOf(c) >= 0) {
                b.append('\\').append(c);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean parsePatternType(final String s) throws InvalidSettingsException {
        if ("Regex".equals(s)) {
            return true;
        }
        if ("Wildcard".equals(s)) {
            return false;
        }
        throw new InvalidSettingsException("Illegal pattern type: " + s);
    }

    private static String[] orNone(final String[] a) {
        return a == null ? NONE : a;
    }

    private static String[] concat(final String[] a, final String[] b) {
        String[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Override
    public boolean equals(final Object obj) {
        return obj instanceof ColumnFilterConfig o && m_root.equals(o.m_root) && m_type.equals(o.m_type)
            && m_enforceInclusion == o.m_enforceInclusion && Arrays.equals(m_includes, o.m_includes)
            && Arrays.equals(m_excludes, o.m_excludes)
            && Arrays.equals(m_removedFromIncludes, o.m_removedFromIncludes)
            && Arrays.equals(m_removedFromExcludes, o.m_removedFromExcludes) && m_pattern.equals(o.m_pattern)
            && m_regex == o.m_regex && m_caseSensitive == o.m_caseSensitive
            && m_excludeMatching == o.m_excludeMatching && m_typeSelection.equals(o.m_typeSelection);
    }

    @Override
    public int hashCode() {
        return Objects.hash(m_root, m_type, m_enforceInclusion, Arrays.hashCode(m_includes),
            Arrays.hashCode(m_excludes), m_pattern, m_typeSelection);
    }

    @Override
    public String toString() {
        return switch (m_type) {
            case TYPE_PATTERN -> (m_regex ? "Regex" : "Wildcard") + " pattern " + m_pattern;
            case TYPE_DATATYPE -> "Selected types: " + String.join(", ", selectedTypes());
            default -> "Includes: " + String.join(", ", m_includes) + "\nExcludes: " + String.join(", ", m_excludes);
        };
    }

    private List<String> selectedTypes() {
        List<String> r = new ArrayList<>();
        for (Map.Entry<String, Boolean> e : m_typeSelection.entrySet()) {
            if (e.getValue()) {
                r.add(e.getKey());
            }
        }
        return r;
    }
}
