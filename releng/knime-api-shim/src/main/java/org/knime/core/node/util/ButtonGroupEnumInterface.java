package org.knime.core.node.util;

/** One option of a button group: shown text, stored action command, tool tip, default flag (shim). */
public interface ButtonGroupEnumInterface {

    public String getText();

    public String getActionCommand();

    public String getToolTip();

    public boolean isDefault();
}
