package org.vaenodes.engine.image;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * File-name patterns as users type them: globs separated by ';', e.g. {@code *.png;*.jpg}. {@code *} stands for
 * any run of characters, {@code ?} for exactly one, everything else for itself; matching ignores case (so
 * {@code *.jpg} finds {@code IMG_001.JPG}, as on Windows and macOS) and applies to the file name, not its folder.
 * Blanks around each pattern and empty patterns are ignored.
 */
final class FileNamePatterns {

    private final List<Pattern> patterns;

    private FileNamePatterns(List<Pattern> patterns) {
        this.patterns = patterns;
    }

    /** @throws IllegalArgumentException if {@code text} holds no pattern */
    static FileNamePatterns parse(String text) {
        List<Pattern> patterns = new ArrayList<>();
        for (String glob : (text == null ? "" : text).split(";")) {
            if (!glob.isBlank()) {
                patterns.add(Pattern.compile(toRegex(glob.strip()), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
            }
        }
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("No file name pattern given (e.g. " + ImageFolder.DEFAULT_PATTERNS
                    + ")");
        }
        return new FileNamePatterns(patterns);
    }

    boolean matches(String fileName) {
        for (Pattern p : patterns) {
            if (p.matcher(fileName).matches()) {
                return true;
            }
        }
        return false;
    }

    private static String toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char ch = glob.charAt(i);
            if (ch == '*' || ch == '?') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(ch == '*' ? ".*" : ".");
            } else {
                literal.append(ch);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return regex.toString();
    }
}
