package org.vaenodes.engine.download;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where to download a data set from and what its files must be.
 *
 * @param mirrors base URLs tried in order (each should end with '/'; one is appended if missing); a file is taken
 *                from the first mirror that delivers it with the right size and SHA-256
 * @param files   expected files by file name
 */
public record DatasetSource(List<URI> mirrors, Map<String, ExpectedFile> files) {

    public DatasetSource {
        Objects.requireNonNull(mirrors, "mirrors");
        Objects.requireNonNull(files, "files");
        if (mirrors.isEmpty()) {
            throw new IllegalArgumentException("At least one mirror is needed");
        }
        mirrors = mirrors.stream().map(DatasetSource::withSlash).toList();
        for (URI m : mirrors) {
            String scheme = m.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                throw new IllegalArgumentException("Mirror must be an http or https URL, not '" + m + "'");
            }
        }
        files = Map.copyOf(files);
        files.forEach((name, f) -> {
            if (!name.equals(f.fileName())) {
                throw new IllegalArgumentException("File entry '" + name + "' describes '" + f.fileName() + "'");
            }
        });
    }

    /** The same files from other mirrors. */
    public DatasetSource withMirrors(List<URI> newMirrors) {
        return new DatasetSource(newMirrors, files);
    }

    /** The expectation for {@code fileName}; fails if this source does not know the file. */
    public ExpectedFile file(String fileName) {
        ExpectedFile f = files.get(fileName);
        if (f == null) {
            throw new IllegalArgumentException("No pinned size and SHA-256 for '" + fileName
                    + "': refusing to download an unverifiable file");
        }
        return f;
    }

    static URI withSlash(URI u) {
        Objects.requireNonNull(u, "mirror");
        String s = u.toString();
        return s.endsWith("/") ? u : URI.create(s + "/");
    }
}
