package org.vaenodes.engine.backend;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The GPUs ND4J 1.0.0-M2.1's CUDA 11.6 kernels run on. Its {@code libnd4jcuda.so} holds compiled kernels (cubins) for
 * sm_37, 50, 52, 60, 61, 70, 75, 80 and 86 in every one of its 228 fat binaries, and no PTX (read from the fat binary
 * headers of the library in {@code nd4j-cuda-11.6-1.0.0-M2.1-linux-x86_64.jar}). Without PTX the driver cannot compile
 * kernels for a newer GPU, and a cubin runs only on GPUs of its major version with an equal or higher minor one: so
 * Kepler 3.7, Maxwell, Pascal, Volta/Turing and Ampere/Ada (8.x) work; Hopper (9.0), Blackwell (10.x, 12.x) and
 * Kepler before 3.7 fail at the first operation with "no kernel image is available".
 */
public final class CudaKernelTargets {

    /** The cubin architectures in ND4J 1.0.0-M2.1's CUDA kernels, as major * 10 + minor. */
    public static final List<Integer> CUBINS = List.of(37, 50, 52, 60, 61, 70, 75, 80, 86);

    private CudaKernelTargets() {
    }

    /** Whether the kernels run on a GPU of compute capability {@code major.minor}. */
    public static boolean runOn(int major, int minor) {
        return CUBINS.stream().anyMatch(sm -> sm / 10 == major && sm % 10 <= minor);
    }

    /** What the kernels support, for messages. */
    public static String describe() {
        return "ND4J 1.0.0-M2.1's CUDA kernels run on compute capability 3.7, 5.x, 6.x, 7.x and 8.x (compiled for "
                + CUBINS.stream().map(sm -> "sm_" + sm).collect(Collectors.joining(", ")) + ", without PTX)";
    }
}
