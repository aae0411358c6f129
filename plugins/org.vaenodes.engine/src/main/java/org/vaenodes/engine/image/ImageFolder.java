package org.vaenodes.engine.image;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * Lists the image files of a folder, the way an image reader node offers them.
 *
 * <ul>
 * <li>A file is listed if its name matches one of the patterns (see {@link FileNamePatterns}: ';'-separated globs
 * with {@code *} and {@code ?}, case-insensitive). The patterns only select files; the format is later recognised
 * from the content.</li>
 * <li>Sub-folders are searched at any depth if asked to, else only the folder itself.</li>
 * <li>Files and folders whose name starts with '.' are skipped (hidden on Linux and macOS; macOS also leaves
 * "._name" companions of every copied file on foreign drives).</li>
 * <li>Symbolic links are skipped, to files and to folders alike: a link can lead out of the chosen folder or
 * into a cycle. The chosen folder itself may be a link.</li>
 * <li>The list is sorted by relative path (character by character), so it is the same on every run and system.</li>
 * </ul>
 */
public final class ImageFolder {

    /** The patterns for the four readable formats. */
    public static final String DEFAULT_PATTERNS = "*.png;*.jpg;*.jpeg;*.bmp;*.gif";

    private ImageFolder() {
    }

    /**
     * One listed file.
     *
     * @param path         the file (under the root as given, not with links resolved)
     * @param relativePath relative to the root, '/'-separated on every system, e.g. "cats/001.png"
     * @param label        the name of the first sub-folder under the root (e.g. "cats", a class label when images
     *                     are sorted into one folder per class), or {@code null} for files directly in the root
     */
    public record ImageFile(Path path, String relativePath, String label) {
    }

    /**
     * @param root      the folder to list
     * @param patterns  ';'-separated file-name globs, e.g. {@link #DEFAULT_PATTERNS}
     * @param recursive whether to search sub-folders
     * @throws IOException              if {@code root} is missing or not a folder, or a folder under it cannot be
     *                                  read; the message names the folder
     * @throws IllegalArgumentException if {@code patterns} holds no pattern
     */
    public static List<ImageFile> scan(Path root, String patterns, boolean recursive) throws IOException {
        Objects.requireNonNull(root, "root");
        FileNamePatterns names = FileNamePatterns.parse(patterns);
        if (!Files.exists(root)) {
            throw new IOException("The image folder " + root + " does not exist.");
        }
        if (!Files.isDirectory(root)) {
            throw new IOException("The image folder " + root + " is not a folder but a file.");
        }
        // walk the real folder so that a root given as a link is entered; links below it are not followed
        Path start = root.toRealPath();
        List<ImageFile> files = new ArrayList<>();
        Files.walkFileTree(start, EnumSet.noneOf(FileVisitOption.class),
                recursive ? Integer.MAX_VALUE : 1, new FileVisitor<>() {

                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        return dir.equals(start) || !isHidden(dir) ? FileVisitResult.CONTINUE
                                : FileVisitResult.SKIP_SUBTREE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        // links arrive here unresolved (not regular files); folders too at the depth limit
                        if (attrs.isRegularFile() && !isHidden(file) && names.matches(file.getFileName().toString())) {
                            files.add(imageFile(root, start.relativize(file)));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                        if (Files.isSymbolicLink(file) || isHidden(file)) {
                            return FileVisitResult.CONTINUE; // would be skipped anyway
                        }
                        throw new IOException("Cannot read " + file + " while listing the image folder " + root
                                + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
                                e);
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                        if (e != null) {
                            throw new IOException("Cannot list the folder " + dir + " under the image folder "
                                    + root + ": " + e.getMessage(), e);
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
        files.sort(Comparator.comparing(ImageFile::relativePath));
        return List.copyOf(files);
    }

    private static boolean isHidden(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    private static ImageFile imageFile(Path root, Path relative) {
        StringBuilder joined = new StringBuilder();
        Path path = root;
        for (Path part : relative) {
            joined.append(joined.length() == 0 ? "" : "/").append(part);
            path = path.resolve(part.toString());
        }
        String label = relative.getNameCount() > 1 ? relative.getName(0).toString() : null;
        return new ImageFile(path, joined.toString(), label);
    }
}
