package org.vaenodes.knime.testflows;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines KNIME wrote to knime.log between {@link #open} and {@link #lines}: what a user reading the log of one
 * workflow's run would see. Only the first line of each entry carries its level.
 */
final class KnimeLogWindow {

    /** "2026-12-04 15:30:00,123 : WARN  : thread : Node : name : id : message" (KNIME's log layout). */
    private static final Pattern ENTRY = Pattern.compile("^\\S+ \\S+ : (DEBUG|INFO|WARN|ERROR|FATAL|CODING) *: (.*)$");

    /** One log entry's first line. */
    record Entry(String level, String text) {

        boolean isProblem() {
            return !level.equals("DEBUG") && !level.equals("INFO");
        }

        @Override
        public String toString() {
            return level + " : " + text;
        }
    }

    private final Path file;
    private final long start;

    private KnimeLogWindow(Path file, long start) {
        this.file = file;
        this.start = start;
    }

    /** The lines written from now on. */
    static KnimeLogWindow open(Path file) throws IOException {
        return open(file, Files.exists(file) ? Files.size(file) : 0);
    }

    /** The lines from byte {@code start} on. */
    static KnimeLogWindow open(Path file, long start) {
        return new KnimeLogWindow(file, start);
    }

    List<Entry> lines() throws IOException {
        List<Entry> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        byte[] bytes;
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            bytes = new byte[(int) Math.max(0, f.length() - start)];
            f.seek(start);
            f.readFully(bytes);
        }
        for (String l : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            Matcher m = ENTRY.matcher(l);
            if (m.matches()) {
                out.add(new Entry(m.group(1), m.group(2).strip()));
            }
        }
        return out;
    }
}
