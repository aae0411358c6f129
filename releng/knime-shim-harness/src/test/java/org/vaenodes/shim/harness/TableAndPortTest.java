package org.vaenodes.shim.harness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.collection.CollectionCellFactory;
import org.knime.core.data.collection.ListCell;
import org.knime.core.data.collection.ListDataValue;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.data.image.png.PNGImageContent;
import org.knime.core.data.image.png.PNGImageValue;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.image.ImagePortObject;
import org.knime.core.node.port.image.ImagePortObjectSpec;

class TableAndPortTest {

    private static byte[] png(final int w, final int h) throws Exception {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY), "png", bos);
        return bos.toByteArray();
    }

    @Test
    void containerRoundtrip() throws Exception {
        DataType listType = ListCell.getCollectionType(DoubleCell.TYPE);
        DataTableSpec spec = new DataTableSpec(new String[]{"pixels", "label", "image", "n"},
            new DataType[]{listType, StringCell.TYPE, PNGImageContent.TYPE, DoubleCell.TYPE});
        ExecutionContext exec = ShimAccess.newExecutionContext();
        BufferedDataContainer c = exec.createDataContainer(spec);
        DataCell list = CollectionCellFactory.createListCell(List.of(new DoubleCell(0.5), new DoubleCell(1)));
        c.addRowToTable(new DefaultRow("r0", list, new StringCell("7"), new PNGImageContent(png(28, 14))
            .toImageCell(), new IntCell(3)));
        c.addRowToTable(new DefaultRow("r1", list, DataType.getMissingCell(), new PNGImageContent(png(2, 2))
            .toImageCell(), DataType.getMissingCell()));
        c.close();
        BufferedDataTable t = c.getTable();
        assertEquals(2, t.size());
        assertEquals(spec, t.getSpec());
        DataRow r0 = t.iterator().next();
        assertEquals(2, ((ListDataValue)r0.getCell(0)).size());
        assertEquals(new Dimension(28, 14), ((PNGImageValue)r0.getCell(2)).getImageContent().getPreferredSize());
        assertEquals(3.0, ((DoubleValue)r0.getCell(3)).getDoubleValue());
        assertTrue(listType.isCompatible(ListDataValue.class));
        assertTrue(listType.isCollectionType());
        assertEquals(DoubleCell.TYPE, listType.getCollectionElementType());
        assertTrue(IntCell.TYPE.isCompatible(DoubleValue.class));
        assertFalse(StringCell.TYPE.isCompatible(DoubleValue.class));
        assertTrue(DataType.getMissingCell().isMissing());
    }

    @Test
    void containerRejectsBadRows() {
        DataTableSpec spec = new DataTableSpec(new String[]{"x"}, new DataType[]{DoubleCell.TYPE});
        BufferedDataContainer c = ShimAccess.newExecutionContext().createDataContainer(spec);
        assertThrows(IllegalArgumentException.class, () -> c.addRowToTable(new DefaultRow("a", "text")));
        assertThrows(IllegalArgumentException.class, () -> c.addRowToTable(new DefaultRow("a", 1.0, 2.0)));
        c.addRowToTable(new DefaultRow("a", 1.0));
        assertThrows(IllegalArgumentException.class, () -> c.addRowToTable(new DefaultRow("a", 2.0)));
        assertThrows(IllegalStateException.class, c::getTable);
        assertThrows(IllegalArgumentException.class,
            () -> new DataTableSpec(new String[]{"a", "a"}, new DataType[]{DoubleCell.TYPE, DoubleCell.TYPE}));
    }

    @Test
    void imagePortObjectRoundtrip() throws Exception {
        byte[] bytes = png(5, 3);
        ImagePortObjectSpec spec = new ImagePortObjectSpec(PNGImageContent.TYPE);
        ImagePortObject po = new ImagePortObject(new PNGImageContent(bytes), spec);
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        ShimAccess.savePortObject(po, bos);
        PortObject back = ShimAccess.loadPortObject(new ByteArrayInputStream(bos.toByteArray()), spec);
        assertArrayEquals(bytes, ((PNGImageValue)((ImagePortObject)back).toDataCell()).getImageContent()
            .getByteArray());

        ByteArrayOutputStream sbos = new ByteArrayOutputStream();
        ShimAccess.savePortObjectSpec(spec, sbos);
        PortObjectSpec specBack = ShimAccess.loadPortObjectSpec(new ByteArrayInputStream(sbos.toByteArray()));
        assertEquals(spec, specBack);
        assertEquals(PNGImageContent.TYPE, ((ImagePortObjectSpec)specBack).getDataType());
        assertEquals(ImagePortObjectSpec.class, ImagePortObject.TYPE.getPortObjectSpecClass());
    }
}
