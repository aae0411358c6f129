package org.vaenodes.knime.testflows;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.time.ZonedDateTime;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.IProgressMonitor;
import org.knime.core.node.workflow.NodeContext;
import org.knime.core.util.exception.ResourceAccessException;
import org.knime.core.util.hub.NamedItemVersion;
import org.knime.core.util.pathresolve.URIToFileResolve;
import org.knime.core.util.urlresolve.KnimeUrlResolver;
import org.osgi.framework.BundleContext;
import org.osgi.service.url.AbstractURLStreamHandlerService;
import org.osgi.service.url.URLConstants;
import org.osgi.service.url.URLStreamHandlerService;

/**
 * The knime:// protocol, which KNIME AP's explorer bundle (not part of KNIME's core) contributes: a URL handler and
 * the URIToFileResolve service, both resolving through core's own KnimeUrlResolver in the current node's workflow
 * context (knime://knime.workflow/…, knime.mountpoint, …).
 */
final class KnimeUrlStandIn implements URIToFileResolve {

    private KnimeUrlStandIn() {
    }

    static void register(BundleContext ctx) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(URLConstants.URL_HANDLER_PROTOCOL, new String[] {"knime"});
        ctx.registerService(URLStreamHandlerService.class, new AbstractURLStreamHandlerService() {
            @Override
            public URLConnection openConnection(URL u) throws IOException {
                return resolve(u).openConnection();
            }
        }, props);
        ctx.registerService(URIToFileResolve.class, new KnimeUrlStandIn(), null);
    }

    private static URL resolve(URL u) throws ResourceAccessException {
        var node = NodeContext.getContext();
        var wfm = node == null ? null : node.getWorkflowManager();
        return KnimeUrlResolver.getResolver(wfm == null ? null : wfm.getContextV2()).resolve(u);
    }

    @Override
    public File resolveToFile(URI uri) throws ResourceAccessException {
        try {
            URL url = resolve(uri.toURL());
            return "file".equalsIgnoreCase(url.getProtocol()) ? new File(url.toURI()) : null;
        } catch (IOException | URISyntaxException e) {
            throw new ResourceAccessException(e.getMessage(), e);
        }
    }

    @Override
    public File resolveToFile(URI uri, IProgressMonitor monitor) throws ResourceAccessException {
        return resolveToFile(uri);
    }

    @Override
    public File resolveToLocalOrTempFile(URI uri) throws ResourceAccessException {
        return resolveToFile(uri);
    }

    @Override
    public File resolveToLocalOrTempFile(URI uri, IProgressMonitor monitor) throws ResourceAccessException {
        return resolveToFile(uri);
    }

    @Override
    public Optional<File> resolveToLocalOrTempFileConditional(URI uri, IProgressMonitor monitor,
        ZonedDateTime ifModifiedSince) throws ResourceAccessException {
        return Optional.ofNullable(resolveToFile(uri));
    }

    @Override
    public List<NamedItemVersion> getHubItemVersions(URI uri) {
        return List.of();
    }

    @Override
    public boolean isMountpointRelative(URI uri) {
        return "knime.mountpoint".equals(uri.getHost());
    }

    @Override
    public boolean isWorkflowRelative(URI uri) {
        return "knime.workflow".equals(uri.getHost());
    }

    @Override
    public boolean isNodeRelative(URI uri) {
        return "knime.node".equals(uri.getHost());
    }

    @Override
    public boolean isSpaceRelative(URI uri) {
        return "knime.space".equals(uri.getHost());
    }
}
