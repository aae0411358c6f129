package org.vaenodes.knime.nodes.grid;

import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

/** Dialog of the Latent Grid Renderer: a view on {@link LatentGridSettings}, nothing more. */
final class LatentGridRendererNodeDialog extends DefaultNodeSettingsPane {

    LatentGridRendererNodeDialog() {
        LatentGridSettings s = new LatentGridSettings();
        createNewGroup("Grid");
        addDialogComponent(new DialogComponentNumber(s.gridSize, "Grid size n (n × n tiles)", 1));
        addDialogComponent(new DialogComponentNumber(s.dimX, "Latent dimension, x axis", 1));
        addDialogComponent(new DialogComponentNumber(s.dimY, "Latent dimension, y axis", 1));
        closeCurrentGroup();
        createNewGroup("Latent values");
        addDialogComponent(new DialogComponentStringSelection(s.rangeMode.model(), "Range mode",
            s.rangeMode.ids()));
        addDialogComponent(new DialogComponentNumber(s.range, "Range r (linear: −r … +r)", 0.5));
        addDialogComponent(new DialogComponentNumber(s.otherValue, "Value of the other dimensions", 0.1));
        addDialogComponent(new DialogComponentString(s.label, "Label (conditional model; empty = first)", false, 15));
        closeCurrentGroup();
        createNewGroup("Picture");
        addDialogComponent(new DialogComponentNumber(s.tileScale, "Tile scale (pixels per image pixel)", 1));
        addDialogComponent(new DialogComponentBoolean(s.invert, "Invert (dark ink on white)"));
        closeCurrentGroup();
    }
}
