package org.vaenodes.engine.download;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The download cache on disk, for {@link DatasetDownloader} and {@link HttpTransfer}: checks a cached file against
 * its pinned size and SHA-256, deletes a corrupt one, and handles the hidden {@code .<name>.<random>.part} files a
 * download writes first (creating one, moving a verified one over the final name, deleting a failed one, and
 * clearing out old ones left behind by a JVM that died). The part naming is only here, so the files created and
 * the files cleared out always match.
 */
final class CacheFiles {

    // the downloader's logger, so all download log lines keep the one logger name they always had
    private static final Logger LOG = Logger.getLogger(DatasetDownloader.class.getName());
    private static final int CHUNK = 64 * 1024;
    private static final Duration STALE_PART_AGE = Duration.ofHours(6);

    private CacheFiles() {
    }

    /** Null if {@code file} has the expected size and SHA-256, else what is wrong. */
    static String verify(Path file, ExpectedFile expected) throws IOException {
        if (!Files.isRegularFile(file)) {
            return "not a regular file";
        }
        long size = Files.size(file);
        if (size != expected.size()) {
            return "size " + size + " bytes, expected " + expected.size();
        }
        String sha = sha256(file);
        return sha.equals(expected.sha256()) ? null : "SHA-256 " + sha + ", expected " + expected.sha256();
    }

    /** Lower-case hex SHA-256 of a file. */
    static String sha256(Path file) throws IOException {
        MessageDigest md = newSha256();
        byte[] buf = new byte[CHUNK];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0;) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** A fresh SHA-256 digest. */
    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    static void deleteCorrupt(Path target) throws IOException {
        try {
            Files.deleteIfExists(target);
        } catch (IOException e) {
            throw new IOException("The cached file " + target + " is corrupt and cannot be deleted: " + e, e);
        }
    }

    /** Creates the data set's cache directory (and its parents) unless it exists. */
    static void createDirectory(Path dir) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("Cannot create the dataset cache directory " + dir + ": " + e, e);
        }
    }

    /** Deletes leftovers of downloads of {@code fileName} that died with their JVM. */
    static void removeStaleParts(Path dir, String fileName) {
        Instant cutoff = Instant.now().minus(STALE_PART_AGE);
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(dir, "." + fileName + ".*.part")) {
            for (Path p : parts) {
                try {
                    if (Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
                        Files.deleteIfExists(p);
                    }
                } catch (IOException e) {
                    LOG.log(Level.FINE, "Could not remove stale " + p, e);
                }
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "Could not list " + dir, e);
        }
    }

    /** A new empty part file for a download of {@code fileName} into {@code dir}, hidden and unique. */
    static Path newPart(Path dir, String fileName) throws IOException {
        return Files.createTempFile(dir, "." + fileName + ".", ".part");
    }

    /** Moves a verified part over {@code target}; atomically unless the file system cannot. */
    static void moveIntoPlace(Path part, Path target) throws IOException {
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes a part that was not moved into place; a failure to delete is logged, never thrown. */
    static void discardPart(Path part) {
        try {
            Files.deleteIfExists(part);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not delete the temporary file " + part, e);
        }
    }
}
