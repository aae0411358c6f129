package org.vaenodes.engine.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Before ND4J's CUDA backend starts, the GPUs the driver reports are checked against what ND4J 1.0.0-M2.1's kernels
 * run on: CUDA is refused naming the GPU, its compute capability and what is supported, and Auto falls back to the CPU
 * with that reason. The driver is faked.
 */
class GpuGuardTest {

    private static final BackendProbe CUDA_INSTALLED = BackendSelectorTest.probe(true, true, true);

    private static GpuInventory driverReporting(CudaDevice... devices) {
        return GpuInventory.query(() -> List.of(devices));
    }

    @Test
    void theKernelsRunOnKeplerThreeSevenUpToAdaButNotOnHopperOrBlackwell() {
        assertTrue(CudaKernelTargets.runOn(3, 7));
        assertFalse(CudaKernelTargets.runOn(3, 5), "sm_37 cubins need minor 7 or higher");
        assertTrue(CudaKernelTargets.runOn(5, 3));
        assertTrue(CudaKernelTargets.runOn(6, 1));
        assertTrue(CudaKernelTargets.runOn(7, 2), "Xavier runs sm_70 code");
        assertTrue(CudaKernelTargets.runOn(7, 5));
        assertTrue(CudaKernelTargets.runOn(8, 6));
        assertTrue(CudaKernelTargets.runOn(8, 9), "Ada runs sm_86 code");
        assertFalse(CudaKernelTargets.runOn(9, 0), "Hopper: no sm_90 cubin and no PTX");
        assertFalse(CudaKernelTargets.runOn(10, 0), "Blackwell");
        assertFalse(CudaKernelTargets.runOn(12, 0), "Blackwell (consumer)");
    }

    @Test
    void noDriverMeansTheDriverIsNotAskedAndCpuWithTheReason() {
        BackendProbe noDriver = BackendSelectorTest.probe(true, false, true);
        assertFalse(BackendSelector.needsGpuCheck(BackendChoice.AUTO, noDriver), "no driver: nothing to load");
        assertFalse(BackendSelector.needsGpuCheck(BackendChoice.CPU, CUDA_INSTALLED), "CPU wanted: driver not loaded");
        assertTrue(BackendSelector.needsGpuCheck(BackendChoice.AUTO, CUDA_INSTALLED));
        BackendSelector.Decision d = BackendSelector.select(BackendChoice.AUTO, null, noDriver,
            GpuInventory.NOT_QUERIED);
        assertEquals(BackendChoice.CPU, d.backend());
        assertTrue(d.reason().contains("NVIDIA driver is missing"), d.reason());
    }

    @Test
    void aDriverThatCannotInitialiseIsNoGpu() {
        GpuInventory failing = GpuInventory.query(() -> {
            throw new CudaDriver.CudaDriverException("cuInit failed with CUresult 100 (CUDA_ERROR_NO_DEVICE: no GPU)");
        });
        BackendSelector.Decision d = BackendSelector.select(BackendChoice.AUTO, "preference", CUDA_INSTALLED, failing);
        assertEquals(BackendChoice.CPU, d.backend());
        assertTrue(d.reason().contains("no usable GPU") && d.reason().contains("CUDA_ERROR_NO_DEVICE"), d.reason());
        assertTrue(BackendSelector.select(BackendChoice.AUTO, null, CUDA_INSTALLED, driverReporting()).reason()
            .contains("reports no GPU"));
    }

    @Test
    void aSupportedGpuStartsCudaAndIsNamed() {
        GpuInventory ampere = driverReporting(new CudaDevice(0, "NVIDIA GeForce RTX 3060", 8, 6));
        assertNull(ampere.whyNot());
        BackendSelector.Decision d = BackendSelector.select(BackendChoice.CUDA, null, CUDA_INSTALLED, ampere);
        assertEquals(BackendChoice.CUDA, d.backend());
        assertTrue(d.reason().contains("GPU 0 (NVIDIA GeForce RTX 3060, compute capability 8.6)"), d.reason());
        assertEquals(BackendChoice.CUDA,
            BackendSelector.select(BackendChoice.AUTO, null, CUDA_INSTALLED, ampere).backend());
    }

    @Test
    void aTooNewGpuIsRefusedWhenAskedForAndAutoFallsBackToTheCpu() {
        GpuInventory hopper = driverReporting(new CudaDevice(0, "NVIDIA H100 PCIe", 9, 0));
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
            () -> BackendSelector.select(BackendChoice.CUDA, "-Dvaenodes.backend=cuda", CUDA_INSTALLED, hopper));
        assertTrue(e.getMessage().contains("GPU 0 (NVIDIA H100 PCIe, compute capability 9.0)")
            && e.getMessage().contains("3.7, 5.x, 6.x, 7.x and 8.x") && e.getMessage().contains("sm_86")
            && e.getMessage().contains("without PTX") && e.getMessage().contains("-Dvaenodes.backend=cuda"),
            e.getMessage());
        BackendSelector.Decision auto = BackendSelector.select(BackendChoice.AUTO, "preference", CUDA_INSTALLED,
            hopper);
        assertEquals(BackendChoice.CPU, auto.backend());
        assertTrue(auto.reason().startsWith("Auto (preference): using the CPU because GPU 0 (NVIDIA H100 PCIe"),
            auto.reason());
    }

    @Test
    void theRealDriverOnAMachineWithoutOneSaysSoInsteadOfCrashing() {
        assumeFalse(BackendProbe.DRIVER_DIRS.stream().anyMatch(d -> Files.exists(Path.of(d, BackendProbe.DRIVER_LIBRARY))),
            "this machine has an NVIDIA driver");
        CudaDriver.CudaDriverException e = assertThrows(CudaDriver.CudaDriverException.class,
            () -> new JnaCudaDriver(BackendProbe.DRIVER_LIBRARY).devices());
        assertTrue(e.getMessage().contains(BackendProbe.DRIVER_LIBRARY + " cannot be loaded"), e.getMessage());
    }

    @Test
    void mixedGpusAreRefusedNamingTheUnsupportedOneAndHowToHideIt() {
        GpuInventory mixed = driverReporting(new CudaDevice(0, "NVIDIA RTX A6000", 8, 6),
            new CudaDevice(1, "NVIDIA RTX PRO 6000 Blackwell", 12, 0));
        assertEquals(List.of(mixed.devices().get(1)), mixed.unsupported());
        BackendSelector.Decision d = BackendSelector.select(BackendChoice.AUTO, null, CUDA_INSTALLED, mixed);
        assertEquals(BackendChoice.CPU, d.backend(), "ND4J may place work on any visible GPU");
        assertTrue(d.reason().contains("GPU 1 (NVIDIA RTX PRO 6000 Blackwell, compute capability 12.0) is")
            && !d.reason().contains("GPU 0 (") && d.reason().contains("CUDA_VISIBLE_DEVICES"), d.reason());
    }
}
