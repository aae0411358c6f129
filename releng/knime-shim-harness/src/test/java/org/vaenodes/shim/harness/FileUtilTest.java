package org.vaenodes.shim.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.util.FileUtil;

class FileUtilTest {

    @TempDir
    Path m_tmp;

    @AfterEach
    void clearWorkflow() {
        ShimAccess.setWorkflowDirectory(null);
    }

    @Test
    void plainPathsAndFileUrls() throws Exception {
        Path f = Files.writeString(m_tmp.resolve("my data.csv"), "a,b");
        URL u = FileUtil.toURL(f.toString());
        assertEquals("file", u.getProtocol());
        assertEquals(f, FileUtil.resolveToPath(u));
        assertEquals(f.toFile(), FileUtil.getFileFromURL(u));

        URL fromFileUrl = FileUtil.toURL(f.toUri().toString());
        assertEquals(f, FileUtil.resolveToPath(fromFileUrl));
        assertEquals(f.toFile(), FileUtil.getFileFromURL(fromFileUrl));
        URL unencoded = FileUtil.toURL("file:" + f);
        assertEquals(f, FileUtil.resolveToPath(unencoded));

        assertThrows(InvalidPathException.class, () -> FileUtil.toURL(""));
        URL http = FileUtil.toURL("https://example.org/x.csv");
        assertNull(FileUtil.resolveToPath(http), "not a local file");
        assertThrows(IllegalArgumentException.class, () -> FileUtil.getFileFromURL(http));
    }

    @Test
    void workflowRelativeUrls() throws Exception {
        Path workflow = Files.createDirectories(m_tmp.resolve("group/My Flow"));
        Path data = Files.writeString(Files.createDirectories(workflow.resolve("data")).resolve("x.csv"), "1,2");
        Path sibling = Files.writeString(m_tmp.resolve("group/shared.csv"), "3");

        URL u = FileUtil.toURL("knime://knime.workflow/data/x.csv");
        assertEquals("knime", u.getProtocol());
        assertEquals("knime.workflow", u.getHost());
        assertEquals(u, FileUtil.toURL("knime://knime.workflow/data/x.csv"));
        IOException noDir = assertThrows(IOException.class, () -> FileUtil.resolveToPath(u));
        assertTrue(noDir.getMessage().contains("setWorkflowDirectory"), noDir.getMessage());

        ShimAccess.setWorkflowDirectory(workflow);
        assertEquals(data, FileUtil.resolveToPath(u));
        assertEquals(data.toFile(), FileUtil.getFileFromURL(u));
        assertEquals(sibling, FileUtil.resolveToPath(FileUtil.toURL("knime://knime.workflow/../shared.csv")));
        assertEquals(data, FileUtil.resolveToPath(FileUtil.toURL("knime://knime.workflow/data/x%2Ecsv")));
        try (InputStream in = u.openStream()) {
            assertEquals("1,2", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void mountPointUrlsFailClearly() throws Exception {
        ShimAccess.setWorkflowDirectory(m_tmp);
        URL local = FileUtil.toURL("knime://LOCAL/Example Workflows/data.csv");
        IOException e = assertThrows(IOException.class, () -> FileUtil.resolveToPath(local));
        assertTrue(e.getMessage().contains("LOCAL") && e.getMessage().contains("knime.workflow"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FileUtil.getFileFromURL(local));
        assertThrows(IOException.class, () -> FileUtil.resolveToPath(FileUtil.toURL("knime://knime.node/x")));
    }
}
