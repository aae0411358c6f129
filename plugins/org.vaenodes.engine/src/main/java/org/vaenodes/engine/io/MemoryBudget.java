package org.vaenodes.engine.io;

import org.bytedeco.javacpp.Pointer;

/**
 * How much memory the JVM can still give, asked before a file's contents are allocated: heap for the bytes read
 * from the file (a model archive, an IDX file), off-heap (JavaCPP's limit, which ND4J's arrays count against) for a
 * network's parameters.
 */
public final class MemoryBudget {

    private MemoryBudget() {
    }

    /**
     * The heap one file's contents may take: a quarter of what is still free, leaving room for a growing buffer's
     * copies and for what is parsed from the bytes.
     */
    public static long heapShare() {
        return heapBytesAvailable() / 4;
    }

    /** Heap bytes that can still be allocated: the maximum heap minus what is in use now. */
    static long heapBytesAvailable() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /** Off-heap bytes JavaCPP still allows (its -Dorg.bytedeco.javacpp.maxbytes limit minus what it holds). */
    static long offHeapBytesAvailable() {
        long max = Pointer.maxBytes();
        return max <= 0 ? Long.MAX_VALUE : max - Pointer.totalBytes();
    }

    /** Fails with a message naming the size when {@code bytes} of off-heap memory for {@code what} are not left. */
    static void requireOffHeap(long bytes, String what) throws ModelFormatException {
        long left = offHeapBytesAvailable();
        if (bytes > left) {
            throw new ModelFormatException(String.format("The model's %s need %,d bytes of off-heap memory, but "
                    + "only %,d are left under the limit (raise it in Preferences ▸ KNIME ▸ VAE Nodes, or with "
                    + "-Dorg.bytedeco.javacpp.maxbytes)", what, bytes, left));
        }
    }
}
