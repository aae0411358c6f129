package org.vaenodes.engine.backend;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.sun.jna.NativeLibrary;
import com.sun.jna.ptr.IntByReference;

/**
 * The CUDA driver API of {@value BackendProbe#DRIVER_LIBRARY}, called through JNA: cuInit, then per device its name and
 * compute capability. Loading it initialises the driver, so it is used only when CUDA would otherwise be started.
 */
public final class JnaCudaDriver implements CudaDriver {

    /** CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR and _MINOR of the driver API. */
    private static final int CAPABILITY_MAJOR = 75;
    private static final int CAPABILITY_MINOR = 76;
    private static final int NAME_BYTES = 256;

    private final String library;

    public JnaCudaDriver(String library) {
        this.library = library;
    }

    @Override
    public List<CudaDevice> devices() throws CudaDriverException {
        NativeLibrary lib;
        try {
            lib = NativeLibrary.getInstance(library);
        } catch (UnsatisfiedLinkError e) {
            throw new CudaDriverException(library + " cannot be loaded: " + e.getMessage(), e);
        }
        call(lib, "cuInit", 0);
        IntByReference count = new IntByReference();
        call(lib, "cuDeviceGetCount", count);
        List<CudaDevice> devices = new ArrayList<>();
        for (int i = 0; i < count.getValue(); i++) {
            IntByReference device = new IntByReference();
            call(lib, "cuDeviceGet", device, i);
            byte[] name = new byte[NAME_BYTES];
            call(lib, "cuDeviceGetName", name, NAME_BYTES, device.getValue());
            IntByReference major = new IntByReference();
            IntByReference minor = new IntByReference();
            call(lib, "cuDeviceGetAttribute", major, CAPABILITY_MAJOR, device.getValue());
            call(lib, "cuDeviceGetAttribute", minor, CAPABILITY_MINOR, device.getValue());
            devices.add(new CudaDevice(i, cString(name), major.getValue(), minor.getValue()));
        }
        return devices;
    }

    /** Calls a driver function that returns a CUresult; anything but CUDA_SUCCESS (0) is an exception. */
    private static void call(NativeLibrary lib, String function, Object... args) throws CudaDriverException {
        int result;
        try {
            result = lib.getFunction(function).invokeInt(args);
        } catch (UnsatisfiedLinkError e) {
            throw new CudaDriverException("the NVIDIA driver has no " + function + ": " + e.getMessage(), e);
        }
        if (result != 0) {
            throw new CudaDriverException(function + " failed with CUresult " + result
                    + (result == 100 ? " (CUDA_ERROR_NO_DEVICE: no GPU)" : ""));
        }
    }

    private static String cString(byte[] bytes) {
        int n = 0;
        while (n < bytes.length && bytes[n] != 0) {
            n++;
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }
}
