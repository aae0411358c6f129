package org.vaenodes.engine.image;

/** How {@link ImageResizer} brings an image to a target size whose aspect ratio may differ from the image's. */
public enum ResizeMode {
    /** Scale each axis to the target size independently; a different aspect ratio distorts the content. */
    STRETCH,
    /**
     * First cut the largest centred region with the target's aspect ratio (a square for a square target), then
     * scale it; nothing is distorted, the parts outside that region are dropped.
     */
    CROP
}
