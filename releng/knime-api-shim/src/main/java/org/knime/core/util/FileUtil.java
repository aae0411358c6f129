package org.knime.core.util;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLDecoder;
import java.net.URLStreamHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.vaenodes.shim.spi.ShimHooks;

/**
 * File and URL helpers (shim). knime:// URLs are supported for the workflow-relative mount point
 * ({@code knime://knime.workflow/...}), resolved against the directory set with
 * {@link ShimHooks#setWorkflowDirectory(Path)}; other knime:// hosts (mount points, node-relative) are not
 * available without KNIME and fail with an IOException.
 */
public final class FileUtil {

    private static final String KNIME = "knime";

    private static final String WORKFLOW_HOST = "knime.workflow";

    /** Handler for knime: URLs created by this class; connections open the resolved local file. */
    private static final URLStreamHandler KNIME_HANDLER = new URLStreamHandler() {
        @Override
        protected URLConnection openConnection(final URL u) throws IOException {
            try {
                return resolveToPath(u).toUri().toURL().openConnection();
            } catch (URISyntaxException e) {
                throw new IOException("Invalid URL " + u + ": " + e.getMessage(), e);
            }
        }

        // compare by text: the default implementations look the host up in DNS

        @Override
        protected boolean equals(final URL u1, final URL u2) {
            return u1.toExternalForm().equals(u2.toExternalForm());
        }

        @Override
        protected int hashCode(final URL u) {
            return u.toExternalForm().hashCode();
        }

        @Override
        protected boolean hostsEqual(final URL u1, final URL u2) {
            return u1.getHost() == null ? u2.getHost() == null : u1.getHost().equalsIgnoreCase(u2.getHost());
        }
    };

    private FileUtil() {
    }

    /** A URL for a URL string (file:, knime:, http:, ...) or a local path (made absolute). */
    public static URL toURL(final String path) throws MalformedURLException, InvalidPathException {
        if (path.isEmpty()) {
            throw new InvalidPathException("", "Empty path");
        }
        String spec = path.replace(" ", "%20");
        if (spec.regionMatches(true, 0, KNIME + ":", 0, KNIME.length() + 1)) {
            return new URL(null, spec, KNIME_HANDLER);
        }
        try {
            return new URL(spec);
        } catch (MalformedURLException e) {
            return Paths.get(path).toAbsolutePath().toUri().toURL();
        }
    }

    /**
     * The local path of a file: or knime://knime.workflow/ URL; null for other protocols (e.g. http).
     *
     * @throws IOException for knime: URLs that cannot be resolved here (other mount points, no workflow directory)
     */
    public static Path resolveToPath(final URL url) throws IOException, URISyntaxException {
        String protocol = url.getProtocol();
        if ("file".equalsIgnoreCase(protocol)) {
            return filePath(url);
        }
        if (KNIME.equalsIgnoreCase(protocol)) {
            return resolveKnimeUrl(url);
        }
        return null;
    }

    /**
     * The file of a file: or knime://knime.workflow/ URL.
     *
     * @throws IllegalArgumentException for other protocols or if a knime: URL cannot be resolved
     */
    public static File getFileFromURL(final URL fileUrl) {
        String protocol = fileUrl.getProtocol();
        if ("file".equalsIgnoreCase(protocol)) {
            File f = new File(fileUrl.getPath());
            if (!f.exists()) {
                try {
                    URI uri = fileUrl.toURI();
                    if (uri.getPath() != null) {
                        return new File(uri.getPath());
                    }
                } catch (URISyntaxException e) {
                    // not encoded: use the path as it is
                }
            }
            return f;
        }
        if (KNIME.equalsIgnoreCase(protocol)) {
            try {
                return resolveKnimeUrl(fileUrl).toFile();
            } catch (IOException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        throw new IllegalArgumentException("Not a file or knime URL: '" + fileUrl + "'");
    }

    private static Path filePath(final URL url) throws URISyntaxException, MalformedURLException {
        String s = url.toString();
        if (s.contains(" ")) {
            s = s.replace(" ", "%20");
        }
        URI uri = new URI(s);
        if (uri.getPath() == null) { // opaque, e.g. "file:relative/name"
            return Paths.get(url.getPath()).toAbsolutePath();
        }
        return Paths.get(new URI("file", null, uri.getPath(), null));
    }

    private static Path resolveKnimeUrl(final URL url) throws IOException {
        String host = url.getHost();
        if (!WORKFLOW_HOST.equalsIgnoreCase(host)) {
            throw new IOException("Cannot resolve " + url + ": only workflow-relative URLs (knime://"
                + WORKFLOW_HOST + "/...) are available outside KNIME, not mount point or node-relative ones (\""
                + host + "\")");
        }
        Path workflow = ShimHooks.getWorkflowDirectory();
        if (workflow == null) {
            throw new IOException(
                "Cannot resolve " + url + ": no workflow directory set (ShimAccess.setWorkflowDirectory)");
        }
        String rel = URLDecoder.decode(url.getPath().replace("+", "%2B"), StandardCharsets.UTF_8);
        while (rel.startsWith("/")) {
            rel = rel.substring(1);
        }
        try {
            return workflow.toAbsolutePath().resolve(rel).normalize();
        } catch (InvalidPathException e) {
            throw new IOException("Invalid path in " + url + ": " + e.getMessage(), e);
        }
    }
}
