package org.vaenodes.knime.nodes.grid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.image.png.PNGImageContent;
import org.knime.core.data.image.png.PNGImageValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.image.ImagePortObject;
import org.knime.core.node.port.image.ImagePortObjectSpec;
import org.vaenodes.engine.render.ImageSheets;
import org.vaenodes.engine.render.RangeMode;
import org.vaenodes.knime.port.VaeModelPortObject;
import org.vaenodes.knime.port.VaeModelPortObjectSpec;
import org.vaenodes.knime.testing.TestModels;
import org.vaenodes.shim.harness.NodeHarness;
import org.vaenodes.shim.harness.ShimAccess;

/** The Latent Grid Renderer through the shim's node harness, on really trained models. */
class LatentGridRendererNodeModelTest {

    private NodeHarness<LatentGridRendererNodeModel> node;

    @BeforeEach
    void create() {
        node = NodeHarness.of(LatentGridRendererNodeFactory.class);
    }

    @AfterEach
    void noLoggedErrors() {
        assertEquals(List.of(), node.loggedErrors(), "the node logged errors or coding problems");
        node.close();
    }

    private void set(Object... keyValues) throws InvalidSettingsException {
        node.applySettings(keyValues);
    }

    private String configureError(VaeModelPortObjectSpec spec) {
        return assertThrows(InvalidSettingsException.class, () -> node.configure(spec)).getMessage();
    }

    private static BufferedImage picture(PortObject po) {
        return TestModels.decode(((PNGImageValue) ((ImagePortObject) po).toDataCell()).getImageContent()
            .getByteArray());
    }

    private static void assertSamePixels(BufferedImage expected, BufferedImage actual) {
        assertEquals(expected.getWidth(), actual.getWidth());
        assertEquals(expected.getHeight(), actual.getHeight());
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                assertEquals(expected.getRaster().getSample(x, y, 0), actual.getRaster().getSample(x, y, 0),
                    "pixel " + x + "," + y);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ configure

    @Test
    void configureGivesAnImageAndATileTable() throws Exception {
        PortObjectSpec[] out = node.configure(TestModels.unconditional().getSpec());
        assertEquals(PNGImageContent.TYPE, ((ImagePortObjectSpec) out[0]).getDataType());
        assertArrayEquals(new String[] {"grid x", "grid y", "z_0", "z_1", "Image"},
            ((DataTableSpec) out[1]).getColumnNames());
        assertEquals(IntCell.TYPE, ((DataTableSpec) out[1]).getColumnSpec("grid y").getType());
        // before the learner has run (no image shape, no labels yet) configure already works
        set(LatentGridSettings.CFG_LABEL, "3");
        assertEquals(out[1], node.configure(TestModels.untrainedSpec(TestModels.conditional().getSpec()))[1]);
    }

    @Test
    void configureRejectsWhatDoesNotFitTheModel() throws Exception {
        VaeModelPortObjectSpec model = TestModels.unconditional().getSpec();
        set(LatentGridSettings.CFG_DIM_X, 2);
        String m = configureError(model);
        assertTrue(m.contains("dimension 2") && m.contains("dim_x") && m.contains("2 latent dimensions"), m);

        set(LatentGridSettings.CFG_DIM_X, 0, LatentGridSettings.CFG_DIM_Y, 5);
        m = configureError(model);
        assertTrue(m.contains("dimension 5") && m.contains("dim_y"), m);

        set(LatentGridSettings.CFG_DIM_Y, 0);
        m = configureError(model);
        assertTrue(m.contains("different latent dimensions"), m);

        set(LatentGridSettings.CFG_DIM_Y, 1);
        m = configureError(TestModels.specWithImage(model, 0, 0));
        assertTrue(m.contains("not trained on images"), m);

        set(LatentGridSettings.CFG_LABEL, "ten");
        m = configureError(TestModels.conditional().getSpec());
        assertTrue(m.contains("'ten'") && m.contains("[0, 1"), m);

        set(LatentGridSettings.CFG_LABEL, "", LatentGridSettings.CFG_GRID_SIZE, 64, LatentGridSettings.CFG_TILE_SCALE,
            10);
        m = configureError(model);
        assertTrue(m.contains("17920") && m.contains("16384"), m);

        m = configureError(null);
        assertTrue(m.contains("No VAE model"), m);
    }

    @Test
    void gridSizeOutsideOneToSixtyFourIsRejected() {
        InvalidSettingsException zero =
            assertThrows(InvalidSettingsException.class, () -> set(LatentGridSettings.CFG_GRID_SIZE, 0));
        assertTrue(zero.getMessage().contains("grid_size"), zero.getMessage());
        assertThrows(InvalidSettingsException.class, () -> set(LatentGridSettings.CFG_GRID_SIZE, 65));
    }

    // ------------------------------------------------------------------------------------------------ execute

    @Test
    void rendersTheGridLikeTheEngineWithOneRowPerTile() throws Exception {
        set(LatentGridSettings.CFG_GRID_SIZE, 5);
        VaeModelPortObject model = TestModels.unconditional();
        PortObject[] out = node.execute(model);
        BufferedImage img = picture(out[0]);
        assertEquals(5 * 28, img.getWidth());
        assertEquals(5 * 28, img.getHeight());
        assertTrue(TestModels.greyStdDev(img) > 10, "grid is blank");
        assertSamePixels(TestModels.decode(ImageSheets.latentGrid(model.model().vae(), 5, 0, 1, RangeMode.LINEAR, 3,
            null, -1, 1, false)), img);

        BufferedDataTable tiles = (BufferedDataTable) out[1];
        assertEquals(25, tiles.size());
        double[] coords = ImageSheets.coordinates(5, RangeMode.LINEAR, 3);
        int t = 0;
        for (DataRow row : tiles) {
            int gx = ((IntCell) row.getCell(0)).getIntValue();
            int gy = ((IntCell) row.getCell(1)).getIntValue();
            assertEquals(t % 5, gx);
            assertEquals(4 - t / 5, gy, "top row of the picture first, y counted from the bottom");
            assertEquals(coords[gx], ((DoubleCell) row.getCell(2)).getDoubleValue(), 1e-6);
            assertEquals(coords[gy], ((DoubleCell) row.getCell(3)).getDoubleValue(), 1e-6);
            BufferedImage tile = TestModels.image(row.getCell(4));
            assertEquals(28, tile.getWidth());
            // the tile is the picture's cell (gx, 4 − gy)
            assertSamePixels(img.getSubimage(gx * 28, (4 - gy) * 28, 28, 28), tile);
            t++;
        }
        assertEquals(-3.0, coords[0], 1e-12);
        assertEquals(3.0, coords[4], 1e-12);
    }

    @Test
    void scaleInvertQuantilesAndOtherDimensions() throws Exception {
        set(LatentGridSettings.CFG_GRID_SIZE, 3, LatentGridSettings.CFG_TILE_SCALE, 2, LatentGridSettings.CFG_INVERT,
            true, LatentGridSettings.CFG_RANGE_MODE, "gaussian-quantiles", LatentGridSettings.CFG_DIM_X, 1,
            LatentGridSettings.CFG_DIM_Y, 0);
        VaeModelPortObject model = TestModels.unconditional();
        PortObject[] out = node.execute(model);
        BufferedImage img = picture(out[0]);
        assertEquals(3 * 28 * 2, img.getWidth());
        assertEquals(3 * 28 * 2, img.getHeight());
        assertSamePixels(TestModels.decode(ImageSheets.latentGrid(model.model().vae(), 3, 1, 0,
            RangeMode.GAUSSIAN_QUANTILES, 3, null, -1, 2, true)), img);
        DataRow first = ((BufferedDataTable) out[1]).iterator().next();
        double q = ImageSheets.coordinates(3, RangeMode.GAUSSIAN_QUANTILES, 0)[0];
        assertEquals(q, ((DoubleCell) first.getCell(3)).getDoubleValue(), 1e-6, "x axis shows z_1");
        assertEquals(56, TestModels.image(first.getCell(4)).getWidth());
    }

    @Test
    void oneDimensionalLatentGivesAStrip() throws Exception {
        set(LatentGridSettings.CFG_GRID_SIZE, 6); // dim_y stays 1: ignored for a 1-D latent space
        PortObject[] out = node.execute(TestModels.oneDimensional());
        BufferedImage img = picture(out[0]);
        assertEquals(6 * 28, img.getWidth());
        assertEquals(28, img.getHeight());
        BufferedDataTable tiles = (BufferedDataTable) out[1];
        assertEquals(6, tiles.size());
        assertArrayEquals(new String[] {"grid x", "grid y", "z_0", "Image"},
            tiles.getDataTableSpec().getColumnNames());
        for (DataRow row : tiles) {
            assertEquals(0, ((IntCell) row.getCell(1)).getIntValue());
        }
    }

    @Test
    void conditionalModelDrawsTheChosenLabel() throws Exception {
        VaeModelPortObject model = TestModels.conditional();
        set(LatentGridSettings.CFG_GRID_SIZE, 4, LatentGridSettings.CFG_LABEL, "3", LatentGridSettings.CFG_RANGE, 2.0);
        BufferedImage three = picture(node.execute(model)[0]);
        assertSamePixels(TestModels.decode(ImageSheets.latentGrid(model.model().vae(), 4, 0, 1, RangeMode.LINEAR, 2,
            null, 3, 1, false)), three);
        set(LatentGridSettings.CFG_LABEL, "");
        BufferedImage zero = picture(node.execute(model)[0]);
        assertSamePixels(TestModels.decode(ImageSheets.latentGrid(model.model().vae(), 4, 0, 1, RangeMode.LINEAR, 2,
            null, 0, 1, false)), zero);
    }

    // ------------------------------------------------------------------------------------------------ settings

    @Test
    void settingsSurviveTheXmlRoundtripAndBadValuesAreRejected() throws Exception {
        set(LatentGridSettings.CFG_GRID_SIZE, 12, LatentGridSettings.CFG_RANGE, 2.5, LatentGridSettings.CFG_LABEL, "4",
            LatentGridSettings.CFG_OTHER_VALUE, -0.5, LatentGridSettings.CFG_RANGE_MODE, "gaussian-quantiles");
        NodeSettingsRO back = node.roundtripSettings();
        assertEquals(12, back.getInt(LatentGridSettings.CFG_GRID_SIZE));
        assertEquals(2.5, back.getDouble(LatentGridSettings.CFG_RANGE));
        assertEquals(-0.5, back.getDouble(LatentGridSettings.CFG_OTHER_VALUE));
        assertEquals("gaussian-quantiles", back.getString(LatentGridSettings.CFG_RANGE_MODE));

        assertThrows(InvalidSettingsException.class, () -> set(LatentGridSettings.CFG_TILE_SCALE, 17));
        assertThrows(InvalidSettingsException.class, () -> set(LatentGridSettings.CFG_TILE_SCALE, 0));
        assertThrows(InvalidSettingsException.class, () -> set(LatentGridSettings.CFG_DIM_X, -1));
        assertThrows(InvalidSettingsException.class, () -> set(LatentGridSettings.CFG_OTHER_VALUE, Double.NaN));
        InvalidSettingsException mode =
            assertThrows(InvalidSettingsException.class, () -> set(LatentGridSettings.CFG_RANGE_MODE, "log"));
        assertTrue(mode.getMessage().contains("linear, gaussian-quantiles"), mode.getMessage());
        // r = 0 is fine for quantiles (unused) but not for a linear range
        set(LatentGridSettings.CFG_RANGE, 0.0);
        InvalidSettingsException r = assertThrows(InvalidSettingsException.class,
            () -> set(LatentGridSettings.CFG_RANGE_MODE, "linear"));
        assertTrue(r.getMessage().contains("range"), r.getMessage());
        assertEquals(12, node.settings().getInt(LatentGridSettings.CFG_GRID_SIZE));
    }

    @Test
    void dialogShowsAndSavesTheModelSettings() throws Exception {
        set(LatentGridSettings.CFG_GRID_SIZE, 33, LatentGridSettings.CFG_INVERT, true);
        NodeSettings fromDialog = node.dialogRoundtrip(TestModels.unconditional().getSpec());
        assertEquals(33, fromDialog.getInt(LatentGridSettings.CFG_GRID_SIZE));
        assertTrue(fromDialog.getBoolean(LatentGridSettings.CFG_INVERT));
        assertEquals(node.settings().keySet(), fromDialog.keySet());
    }

    @Test
    void cancelStopsExecution() throws Exception {
        assertThrows(CanceledExecutionException.class, () -> node.execute(
            ShimAccess.newExecutionContext(() -> true, (p, m) -> { }), TestModels.unconditional()));
    }
}
