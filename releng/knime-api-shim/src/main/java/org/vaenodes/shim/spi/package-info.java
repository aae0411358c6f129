/**
 * Hooks for the test harness; not KNIME API. The only non-KNIME package of the KNIME API shim: the bridges through
 * which the harness (the separate, test-only module releng/knime-shim-harness) reaches KNIME-internal (protected or
 * package-private) behaviour of the shim, their registration, and the workflow directory for knime:// URLs. Nodes
 * never use it; the bundle does not export it.
 */
package org.vaenodes.shim.spi;
