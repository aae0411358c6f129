package org.knime.core.node.port.image;

import javax.swing.JComponent;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.ModelContentRO;
import org.knime.core.node.ModelContentWO;
import org.knime.core.node.port.AbstractSimplePortObjectSpec;

/** Spec of an image port: the cell type of the image (shim). */
public final class ImagePortObjectSpec extends AbstractSimplePortObjectSpec {

    private static final String CFG_CELL_CLASS = "image_cell_class";

    private DataType m_type;

    /** Serializer found by the framework. */
    public static final class Serializer extends AbstractSimplePortObjectSpecSerializer<ImagePortObjectSpec> {
    }

    public ImagePortObjectSpec(final DataType type) {
        if (type == null) {
            throw new NullPointerException("Image type must not be null");
        }
        m_type = type;
    }

    public ImagePortObjectSpec() {
    }

    public DataType getDataType() {
        return m_type;
    }

    @Override
    public JComponent[] getViews() {
        return new JComponent[0];
    }

    @Override
    protected void load(final ModelContentRO model) throws InvalidSettingsException {
        String name = model.getString(CFG_CELL_CLASS);
        try {
            m_type = DataType.getType(Class.forName(name).asSubclass(DataCell.class));
        } catch (ClassNotFoundException | ClassCastException e) {
            throw new InvalidSettingsException("Unknown image cell class \"" + name + "\"", e);
        }
    }

    @Override
    protected void save(final ModelContentWO model) {
        model.addString(CFG_CELL_CLASS, m_type == null ? null : m_type.getCellClass().getName());
    }
}
