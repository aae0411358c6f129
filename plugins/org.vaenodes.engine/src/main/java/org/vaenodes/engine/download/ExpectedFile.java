package org.vaenodes.engine.download;

import java.util.Locale;
import java.util.Objects;

/**
 * What a downloaded file must be: its name on the mirror, its exact size and the SHA-256 of its bytes.
 *
 * @param fileName      name on the mirror and in the cache (no directories)
 * @param size          exact size in bytes of the (compressed) file
 * @param sha256        lower-case hex SHA-256 of the file as served
 * @param contentSha256 lower-case hex SHA-256 of the decompressed IDX content, or null if not known; informational
 *                      (lets a re-compressed copy, such as Debian's, be recognised as the same data)
 */
public record ExpectedFile(String fileName, long size, String sha256, String contentSha256) {

    public ExpectedFile {
        Objects.requireNonNull(fileName, "fileName");
        if (fileName.isEmpty() || fileName.contains("/") || fileName.contains("\\") || fileName.startsWith(".")) {
            throw new IllegalArgumentException("Not a plain file name: '" + fileName + "'");
        }
        if (size < 1) {
            throw new IllegalArgumentException("Size of " + fileName + " must be positive, not " + size);
        }
        sha256 = checkHex(fileName, sha256);
        contentSha256 = contentSha256 == null ? null : checkHex(fileName, contentSha256);
    }

    private static String checkHex(String fileName, String hex) {
        Objects.requireNonNull(hex, "sha256");
        String h = hex.toLowerCase(Locale.ROOT);
        if (!h.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("SHA-256 of " + fileName + " must be 64 hex digits, not '" + hex + "'");
        }
        return h;
    }
}
