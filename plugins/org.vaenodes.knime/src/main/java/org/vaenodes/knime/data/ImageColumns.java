package org.vaenodes.knime.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.knime.core.data.DataColumnProperties;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.collection.ListCell;
import org.knime.core.data.def.DoubleCell;
import org.vaenodes.engine.image.ImageShape;

/**
 * The column names the nodes give images and their pixels, the same wherever a node writes them (MNIST Reader,
 * VAE Decoder/Sampler, Latent Grid Renderer), so one node's output is the next one's expected input.
 */
public final class ImageColumns {

    /** The class label of a digit. */
    public static final String LABEL = "Label";
    /** A PNG image cell. */
    public static final String IMAGE = "Image";
    /** The pixels as one list cell. */
    public static final String PIXELS = "Pixels";
    /** Prefix of one column per pixel: pixel_0, pixel_1, … (also the element names of a pixel list). */
    public static final String PIXEL_PREFIX = "pixel_";

    /** Column property: image width in pixels, on pixel lists and pixel columns the nodes write. */
    public static final String PROPERTY_WIDTH = "vaenodes.image.width";
    /** Column property: image height in pixels. */
    public static final String PROPERTY_HEIGHT = "vaenodes.image.height";
    /** Column property: "grey" or "rgb" (see {@link ImageShape#channelName()}). */
    public static final String PROPERTY_CHANNELS = "vaenodes.image.channels";
    /** Column property: the pixel order, always {@link #PIXEL_ORDER}. */
    public static final String PROPERTY_ORDER = "vaenodes.image.pixel-order";
    /** The one pixel order of every node: see {@link ImageShape}. */
    public static final String PIXEL_ORDER = "row-major, channels interleaved";

    private ImageColumns() {
    }

    /**
     * The column properties that tell a later node the image shape behind a row of values, so a VAE Learner knows
     * it at configure time (KNIME keeps column properties with the table spec).
     */
    public static DataColumnProperties shapeProperties(ImageShape shape) {
        return new DataColumnProperties(Map.of(PROPERTY_WIDTH, Integer.toString(shape.width()), PROPERTY_HEIGHT,
            Integer.toString(shape.height()), PROPERTY_CHANNELS, shape.channelName(), PROPERTY_ORDER, PIXEL_ORDER));
    }

    /**
     * The image shape a column's properties declare (see {@link #shapeProperties}), or null if they declare none or
     * one that does not fit {@code values} values per row (then the column is taken for plain numbers).
     */
    public static ImageShape shapeOf(DataColumnSpec column, int values) {
        DataColumnProperties p = column.getProperties();
        if (!p.containsProperty(PROPERTY_WIDTH) || !p.containsProperty(PROPERTY_HEIGHT)) {
            return null;
        }
        try {
            ImageShape shape = new ImageShape(Integer.parseInt(p.getProperty(PROPERTY_WIDTH)),
                Integer.parseInt(p.getProperty(PROPERTY_HEIGHT)),
                ImageShape.channelsOf(p.getProperty(PROPERTY_CHANNELS, "grey")));
            return values <= 0 || shape.values() == values ? shape : null;
        } catch (IllegalArgumentException e) { // includes NumberFormatException: someone else's properties
            return null;
        }
    }

    /** A list-of-doubles column named {@link #PIXELS} holding one image of {@code shape}: its length and shape. */
    public static DataColumnSpec pixelListSpec(ImageShape shape) {
        DataColumnSpecCreator list =
            new DataColumnSpecCreator(PIXELS, ListCell.getCollectionType(DoubleCell.TYPE));
        // one name per value, as KNIME's collection columns name their elements: the list's length at configure
        list.setElementNames(pixelNames(shape.values()).toArray(String[]::new));
        list.setProperties(shapeProperties(shape));
        return list.createSpec();
    }

    /** One double column per value, pixel_0 …, each carrying the image shape in its properties. */
    public static List<DataColumnSpec> pixelColumnSpecs(ImageShape shape) {
        DataColumnProperties properties = shapeProperties(shape);
        List<DataColumnSpec> specs = new ArrayList<>(shape.values());
        for (String name : pixelNames(shape.values())) {
            DataColumnSpecCreator c = new DataColumnSpecCreator(name, DoubleCell.TYPE);
            c.setProperties(properties);
            specs.add(c.createSpec());
        }
        return specs;
    }

    /** pixel_0 … pixel_(count−1). */
    public static List<String> pixelNames(int count) {
        List<String> names = new ArrayList<>(count);
        for (int p = 0; p < count; p++) {
            names.add(PIXEL_PREFIX + p);
        }
        return names;
    }
}
