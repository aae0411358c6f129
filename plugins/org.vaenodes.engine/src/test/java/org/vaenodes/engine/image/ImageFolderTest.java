package org.vaenodes.engine.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaenodes.engine.image.ImageFolder.ImageFile;

class ImageFolderTest {

    @TempDir
    Path root;

    @BeforeEach
    void files() throws IOException {
        touch("b.png");
        touch("A.JPG");
        touch("notes.txt");
        touch(".hidden.png");
        touch("cats/002.png");
        touch("cats/001.jpeg");
        touch("cats/deep/003.gif");
        touch("dogs/x.bmp");
        touch(".git/y.png");
        touch("cats/.thumbs/z.png");
    }

    @Test
    void listsMatchingFilesRecursivelySortedWithTheirFirstFolderAsLabel() throws IOException {
        List<ImageFile> files = ImageFolder.scan(root, ImageFolder.DEFAULT_PATTERNS, true);
        assertEquals(List.of("A.JPG", "b.png", "cats/001.jpeg", "cats/002.png", "cats/deep/003.gif", "dogs/x.bmp"),
                files.stream().map(ImageFile::relativePath).toList());
        assertNull(files.get(0).label());
        assertEquals("cats", files.get(4).label());
        assertEquals("dogs", files.get(5).label());
        assertEquals(root.resolve("cats").resolve("deep").resolve("003.gif"), files.get(4).path());
        assertTrue(Files.isRegularFile(files.get(4).path()));
    }

    @Test
    void withoutRecursionOnlyTheRootsFiles() throws IOException {
        assertEquals(List.of("A.JPG", "b.png"), ImageFolder.scan(root, ImageFolder.DEFAULT_PATTERNS, false).stream()
                .map(ImageFile::relativePath).toList());
    }

    @Test
    void patternsAreSemicolonSeparatedCaseInsensitiveGlobs() throws IOException {
        assertEquals(List.of("A.JPG", "cats/001.jpeg"), ImageFolder.scan(root, " *.jpg ; *.JPEG;", true).stream()
                .map(ImageFile::relativePath).toList());
        assertEquals(List.of("cats/001.jpeg", "cats/002.png", "cats/deep/003.gif"), ImageFolder.scan(root,
                "00?.*", true).stream().map(ImageFile::relativePath).toList());
        assertThrows(IllegalArgumentException.class, () -> ImageFolder.scan(root, " ; ", true));
    }

    @Test
    void symbolicLinksAreNotFollowed() throws IOException {
        Path outside = Files.createTempDirectory("outside");
        try {
            Files.createFile(outside.resolve("far.png"));
            Files.createSymbolicLink(root.resolve("linked"), outside);
            Files.createSymbolicLink(root.resolve("link.png"), root.resolve("b.png"));
            Files.createSymbolicLink(root.resolve("cats/loop"), root); // would cycle if followed
            List<String> listed = ImageFolder.scan(root, "*.png", true).stream().map(ImageFile::relativePath)
                    .toList();
            assertEquals(List.of("b.png", "cats/002.png"), listed);
        } finally {
            Files.delete(outside.resolve("far.png"));
            Files.delete(outside);
        }
    }

    @Test
    void aRootGivenAsALinkIsEntered() throws IOException {
        Path link = Files.createSymbolicLink(root.resolve("cats").resolveSibling("cats-link"), root.resolve("cats"));
        List<ImageFile> files = ImageFolder.scan(link, "*.png", false);
        assertEquals(1, files.size());
        assertEquals(link.resolve("002.png"), files.get(0).path());
    }

    @Test
    void missingOrFileRootIsAClearIoException() throws IOException {
        Path missing = root.resolve("nope");
        IOException e = assertThrows(IOException.class, () -> ImageFolder.scan(missing, "*.png", true));
        assertEquals("The image folder " + missing + " does not exist.", e.getMessage());
        Path file = root.resolve("b.png");
        IOException f = assertThrows(IOException.class, () -> ImageFolder.scan(file, "*.png", true));
        assertTrue(f.getMessage().contains(file.toString()) && f.getMessage().contains("not a folder"),
                f.getMessage());
    }

    @Test
    void emptyFolderGivesAnEmptyList() throws IOException {
        Path empty = Files.createDirectory(root.resolve("empty"));
        assertEquals(List.of(), ImageFolder.scan(empty, ImageFolder.DEFAULT_PATTERNS, true));
    }

    private void touch(String relative) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.write(p, new byte[] {1});
    }
}
