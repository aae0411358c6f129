package org.vaenodes.engine.backend;

import java.util.List;

/** The NVIDIA driver, asked which GPUs this machine has (a real one: {@link JnaCudaDriver}; tests fake it). */
public interface CudaDriver {

    /**
     * The GPUs the driver sees.
     *
     * @throws CudaDriverException if the driver cannot be loaded or initialised, or a query fails
     */
    List<CudaDevice> devices() throws CudaDriverException;

    /** The driver could not say: not loadable, not initialised (e.g. no GPU), or a query failed. */
    final class CudaDriverException extends Exception {

        private static final long serialVersionUID = 1L;

        public CudaDriverException(String message) {
            super(message);
        }

        public CudaDriverException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
