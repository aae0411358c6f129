package org.vaenodes.knime.nodes.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.knime.core.node.InvalidSettingsException;

/** The reader's label filter text: labels and ranges, blanks tolerated, every mistake named. */
class LabelFilterTest {

    private static String kept(String text) throws InvalidSettingsException {
        return LabelFilter.parse(text, "labels").toString();
    }

    @Test
    void emptyKeepsAll() throws InvalidSettingsException {
        for (String text : new String[] {"", "   ", null}) {
            LabelFilter f = LabelFilter.parse(text, "labels");
            assertTrue(f.keepsAll());
            assertTrue(IntStream.rangeClosed(0, 255).allMatch(f::keeps));
        }
    }

    @Test
    void labelsAndRanges() throws InvalidSettingsException {
        assertEquals("0-8", kept("0-8"));
        assertEquals("0-2", kept("0,1,2"));
        assertEquals("1-3,7", kept("1-3,7"));
        assertEquals("1-3,7", kept(" 7 , 1 - 3 "));
        assertEquals("5", kept("5-5"));
        assertEquals("0,255", kept("255,0"));
        assertEquals("2-9", kept("2-4,3-9"), "overlaps merge");
        LabelFilter f = LabelFilter.parse("1-3,7", "labels");
        assertFalse(f.keepsAll());
        assertEquals(IntStream.of(1, 2, 3, 7).boxed().toList(),
            IntStream.rangeClosed(0, 255).filter(f::keeps).boxed().toList());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1-x     | 1-x  | not a label",
        "a       | a    | not a label",
        "-1      | -1   | not a label",
        "256     | 256  | 0 to 255",
        "1000    | 1000 | 0 to 255",
        "9-3     | 9-3  | backwards",
        "1,,2    | ''   | empty",
        "'1,2,'  | ''   | empty",
        "3-      | 3-   | missing",
        "1-2-3   | 1-2-3 | not a label",
        "1.5     | 1.5  | not a label"})
    void mistakesNameTheSettingAndTheEntry(String text, String entry, String why) {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
            () -> LabelFilter.parse(text, "labels"));
        String m = e.getMessage();
        assertTrue(m.contains("(labels)"), m);
        assertTrue(m.contains("'" + entry + "'"), m);
        assertTrue(m.contains(why), m);
    }
}
