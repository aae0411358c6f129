package org.vaenodes.engine.image;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FileNamePatternsTest {

    @Test
    void starAndQuestionMarkIgnoringCase() {
        FileNamePatterns p = FileNamePatterns.parse(ImageFolder.DEFAULT_PATTERNS);
        assertTrue(p.matches("cat.png"));
        assertTrue(p.matches("IMG_0001.JPG"));
        assertTrue(p.matches(".png"));
        assertFalse(p.matches("cat.png.txt"));
        assertFalse(p.matches("catpng"));
        FileNamePatterns q = FileNamePatterns.parse("img_??.bmp");
        assertTrue(q.matches("IMG_07.BMP"));
        assertFalse(q.matches("img_7.bmp"));
    }

    @Test
    void otherCharactersAreLiteral() {
        FileNamePatterns p = FileNamePatterns.parse("a+b (1).[png]");
        assertTrue(p.matches("A+B (1).[PNG]"));
        assertFalse(p.matches("aab (1).p"));
        assertTrue(FileNamePatterns.parse("*").matches("anything"));
        assertTrue(FileNamePatterns.parse("ÄRGER*").matches("ärger.gif"));
    }

    @Test
    void blanksAndEmptyEntriesAreIgnoredButSomePatternIsRequired() {
        assertTrue(FileNamePatterns.parse(" ;  *.gif ;;").matches("x.GIF"));
        assertThrows(IllegalArgumentException.class, () -> FileNamePatterns.parse(" ; "));
        assertThrows(IllegalArgumentException.class, () -> FileNamePatterns.parse(null));
    }
}
