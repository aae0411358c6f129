package org.vaenodes.shim.harness;

import java.io.File;

import javax.swing.JFileChooser;

import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NodeView;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentFileChooser;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/** Test node: multiplies the first (double) column by a factor. */
public class ScaleNodeFactory extends NodeFactory<ScaleNodeFactory.Model> {

    static SettingsModelDoubleBounded factor() {
        return new SettingsModelDoubleBounded("factor", 2.0, -100, 100);
    }

    static SettingsModelString mode() {
        return new SettingsModelString("mode", "multiply");
    }

    static SettingsModelBoolean verbose() {
        return new SettingsModelBoolean("verbose", false);
    }

    static SettingsModelString note() {
        return new SettingsModelString("note", "hello");
    }

    static SettingsModelString file() {
        return new SettingsModelString("file", "/tmp/x.idx");
    }

    @Override
    public Model createNodeModel() {
        return new Model();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @SuppressWarnings("removal")
    @Override
    public NodeView<Model> createNodeView(final int viewIndex, final Model nodeModel) {
        return null;
    }

    @SuppressWarnings("removal")
    @Override
    protected boolean hasDialog() {
        return true;
    }

    @SuppressWarnings("removal")
    @Override
    protected NodeDialogPane createNodeDialogPane() {
        DefaultNodeSettingsPane p = new DefaultNodeSettingsPane();
        p.addDialogComponent(new DialogComponentNumber(factor(), "Factor", 0.5));
        p.addDialogComponent(new DialogComponentStringSelection(mode(), "Mode", "multiply", "divide"));
        p.createNewGroup("More");
        p.addDialogComponent(new DialogComponentBoolean(verbose(), "Verbose"));
        p.addDialogComponent(new DialogComponentString(note(), "Note"));
        p.closeCurrentGroup();
        p.createNewTab("Files");
        p.addDialogComponent(new DialogComponentFileChooser(file(), "hist", JFileChooser.OPEN_DIALOG, ".idx"));
        return p;
    }

    /** The model. */
    public static final class Model extends NodeModel {
        private final SettingsModelDoubleBounded m_factor = factor();

        private final SettingsModelString m_mode = mode();

        private final SettingsModelBoolean m_verbose = verbose();

        private final SettingsModelString m_note = note();

        private final SettingsModelString m_file = file();

        Model() {
            super(1, 1);
        }

        private static DataTableSpec outSpec() {
            return new DataTableSpec(new DataColumnSpecCreator("scaled", DoubleCell.TYPE).createSpec());
        }

        @Override
        protected DataTableSpec[] configure(final DataTableSpec[] inSpecs) throws InvalidSettingsException {
            if (inSpecs[0].getNumColumns() == 0 || !inSpecs[0].getColumnSpec(0).getType().isCompatible(
                DoubleValue.class)) {
                throw new InvalidSettingsException("First column must be numeric");
            }
            return new DataTableSpec[]{outSpec()};
        }

        @Override
        protected BufferedDataTable[] execute(final BufferedDataTable[] inData, final ExecutionContext exec)
            throws Exception {
            BufferedDataContainer c = exec.createDataContainer(outSpec());
            long n = inData[0].size();
            long i = 0;
            double f = m_mode.getStringValue().equals("divide") ? 1 / m_factor.getDoubleValue()
                : m_factor.getDoubleValue();
            for (DataRow r : inData[0]) {
                exec.checkCanceled();
                exec.setProgress(++i / (double)n, "row " + i);
                c.addRowToTable(new DefaultRow(r.getKey(), ((DoubleValue)r.getCell(0)).getDoubleValue() * f));
            }
            c.close();
            if (n == 0) {
                setWarningMessage("Empty input");
            }
            pushFlowVariableInt("rows", (int)n);
            return new BufferedDataTable[]{c.getTable()};
        }

        @Override
        protected void saveSettingsTo(final NodeSettingsWO settings) {
            m_factor.saveSettingsTo(settings);
            m_mode.saveSettingsTo(settings);
            m_verbose.saveSettingsTo(settings);
            m_note.saveSettingsTo(settings);
            m_file.saveSettingsTo(settings);
        }

        @Override
        protected void validateSettings(final NodeSettingsRO settings) throws InvalidSettingsException {
            m_factor.validateSettings(settings);
            m_mode.validateSettings(settings);
            m_verbose.validateSettings(settings);
            m_note.validateSettings(settings);
            m_file.validateSettings(settings);
        }

        @Override
        protected void loadValidatedSettingsFrom(final NodeSettingsRO settings) throws InvalidSettingsException {
            m_factor.loadSettingsFrom(settings);
            m_mode.loadSettingsFrom(settings);
            m_verbose.loadSettingsFrom(settings);
            m_note.loadSettingsFrom(settings);
            m_file.loadSettingsFrom(settings);
        }

        @Override
        protected void reset() {
        }

        @Override
        protected void loadInternals(final File dir, final ExecutionMonitor exec) {
        }

        @Override
        protected void saveInternals(final File dir, final ExecutionMonitor exec) {
        }
    }
}
