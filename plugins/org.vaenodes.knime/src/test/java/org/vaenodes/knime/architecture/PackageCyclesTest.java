package org.vaenodes.knime.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

import org.junit.jupiter.api.Test;

/**
 * No package of ours depends on itself through others: each bundle's packages form layers (engine: backend and
 * concurrent at the bottom, then model, train, io …; nodes: util, prefs, data, port, then the node packages).
 * Read with the JDK's jdeps from the compiled classes, so the check sees every reference the compiler made.
 */
class PackageCyclesTest {

    private static final Pattern EDGE = Pattern.compile("^\\s+(org\\.vaenodes\\.[\\w.]+)\\s+->\\s+(org\\.vaenodes\\.[\\w.]+)");

    @Test
    void enginePackagesHaveNoCycle() {
        assertNoCycle(Path.of("../org.vaenodes.engine/target/classes"));
    }

    @Test
    void nodePackagesHaveNoCycle() {
        assertNoCycle(Path.of("target/classes"));
    }

    private static void assertNoCycle(Path classes) {
        assertTrue(Files.isDirectory(classes), "no compiled classes at " + classes.toAbsolutePath());
        Map<String, Set<String>> graph = dependencies(classes);
        assertTrue(graph.size() > 3, "jdeps found too few packages to judge: " + graph.keySet());
        assertEquals(List.of(), cycles(graph), "package cycles in " + classes);
    }

    /** Package → packages of ours it uses, as jdeps reports them. */
    private static Map<String, Set<String>> dependencies(Path classes) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("no jdeps in this JDK"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:package", "-filter:none", "-e",
            "org\\.vaenodes\\..*", classes.toString());
        assertEquals(0, rc, "jdeps failed: " + err);
        Map<String, Set<String>> graph = new TreeMap<>();
        for (String line : out.toString().split("\n")) {
            Matcher m = EDGE.matcher(line);
            if (m.find()) {
                graph.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
                graph.computeIfAbsent(m.group(2), k -> new TreeSet<>());
            }
        }
        graph.forEach((p, uses) -> uses.remove(p));
        return graph;
    }

    /** The strongly connected components with more than one package (Tarjan), each as a sorted list. */
    private static List<List<String>> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> found = new ArrayList<>();
        int[] counter = {0};
        for (String p : graph.keySet()) {
            if (!index.containsKey(p)) {
                connect(p, graph, index, low, stack, onStack, found, counter);
            }
        }
        return found;
    }

    private static void connect(String p, Map<String, Set<String>> graph, Map<String, Integer> index,
        Map<String, Integer> low, Deque<String> stack, Set<String> onStack, List<List<String>> found, int[] counter) {
        index.put(p, counter[0]);
        low.put(p, counter[0]++);
        stack.push(p);
        onStack.add(p);
        for (String q : graph.get(p)) {
            if (!index.containsKey(q)) {
                connect(q, graph, index, low, stack, onStack, found, counter);
                low.put(p, Math.min(low.get(p), low.get(q)));
            } else if (onStack.contains(q)) {
                low.put(p, Math.min(low.get(p), index.get(q)));
            }
        }
        if (low.get(p).equals(index.get(p))) {
            List<String> component = new ArrayList<>();
            String q;
            do {
                q = stack.pop();
                onStack.remove(q);
                component.add(q);
            } while (!q.equals(p));
            if (component.size() > 1) {
                component.sort(null);
                found.add(component);
            }
        }
    }
}
