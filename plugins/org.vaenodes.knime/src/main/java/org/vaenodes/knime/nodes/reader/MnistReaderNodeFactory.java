package org.vaenodes.knime.nodes.reader;

import org.vaenodes.knime.util.DialogNodeFactory;

/** Factory of the MNIST Reader node; its description is MnistReaderNodeFactory.xml next to this class. */
public final class MnistReaderNodeFactory extends DialogNodeFactory<MnistReaderNodeModel> {

    public MnistReaderNodeFactory() {
        super(MnistReaderNodeModel::new, MnistReaderSettings::new);
    }
}
