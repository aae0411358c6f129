package org.vaenodes.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.vaenodes.engine.data.BuiltInSample.Split;

/** Needs the bundle's {@code data/} folder on the test class path, as it is in the built jar. */
class BuiltInSampleTest {

    @Test
    void splitsHaveTheDocumentedSizes() throws IOException {
        assertEquals(9_000, Split.TRAIN.size());
        assertEquals(1_000, Split.TEST.size());
        for (Split split : Split.values()) {
            MnistDataset data = BuiltInSample.load(split, IdxReader.ALL);
            assertEquals(split.size(), data.size(), split.name());
            assertEquals(BuiltInSample.SIDE, data.rows());
            assertEquals(BuiltInSample.SIDE, data.cols());
            assertTrue(data.hasLabels());
        }
    }

    @Test
    void everyDigitIsPresentInBothSplits() throws IOException {
        for (Split split : Split.values()) {
            int[] counts = new int[256];
            for (int label : BuiltInSample.load(split, IdxReader.ALL).labels()) {
                counts[label]++;
            }
            for (int digit = 0; digit <= 9; digit++) {
                // roughly 10 % each; a shuffle bug would show as missing or lopsided classes
                assertTrue(counts[digit] > split.size() / 20, split + " has " + counts[digit] + " of digit " + digit);
            }
            assertEquals(split.size(), Arrays.stream(counts, 0, 10).sum(), "labels outside 0..9");
        }
    }

    @Test
    void pixelsLookLikeDigits() throws IOException {
        MnistDataset data = BuiltInSample.load(Split.TRAIN, IdxReader.ALL);
        int side = BuiltInSample.SIDE;
        double[] mean = new double[side * side];
        int max = 0;
        long nonZero = 0;
        for (int i = 0; i < data.size(); i++) {
            float[] image = data.imageAsFloats(i, false);
            int inked = 0;
            for (int p = 0; p < image.length; p++) {
                mean[p] += image[p] / data.size();
                max = Math.max(max, (int) image[p]);
                inked += image[p] > 0 ? 1 : 0;
            }
            assertTrue(inked > 20, "image " + i + " is (nearly) blank");
            nonZero += inked;
        }
        assertEquals(255, max);
        // MNIST digits cover roughly a fifth of the frame.
        double inkShare = nonZero / (double) (data.size() * side * side);
        assertTrue(inkShare > 0.1 && inkShare < 0.35, "ink share " + inkShare);

        double centre = 0;
        for (int r = 12; r < 16; r++) {
            for (int c = 12; c < 16; c++) {
                centre += mean[r * side + c] / 16;
            }
        }
        double corners = (mean[0] + mean[side - 1] + mean[(side - 1) * side] + mean[side * side - 1]) / 4;
        assertTrue(centre > 60, "mean centre brightness " + centre);
        assertTrue(corners < 1, "mean corner brightness " + corners);
    }

    @Test
    void limitReturnsTheFirstRows() throws IOException {
        MnistDataset all = BuiltInSample.load(Split.TEST, IdxReader.ALL);
        MnistDataset ten = BuiltInSample.load(Split.TEST, 10);
        assertEquals(10, ten.size());
        assertArrayEquals(Arrays.copyOf(all.labels(), 10), ten.labels());
        assertArrayEquals(all.imageAsFloats(9, true), ten.imageAsFloats(9, true));
    }

    @Test
    void noticeGivesOriginAndLicence() throws IOException {
        try (InputStream in = BuiltInSample.class.getResourceAsStream(BuiltInSample.NOTICE_RESOURCE)) {
            assertNotNull(in, "NOTICE missing");
            String notice = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String part : new String[] {"\"mnist\" version 1.1.0", "MIT License", "Juan Cazala",
                "Yann LeCun", "Corinna Cortes", "Burges", "20260101"}) {
                assertTrue(notice.contains(part), "NOTICE lacks " + part);
            }
        }
    }
}
