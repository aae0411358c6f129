package org.vaenodes.knime.product;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

/**
 * A p2 metadata repository holding one JRE unit ({@code a.jre.javase}) for a newer Java than the one Tycho published
 * in our update site. p2 needs such a unit in every installation: it provides the {@code java.package} and
 * {@code osgi.ee} capabilities that bundles require (KNIME 5.12's require JavaSE-21). p2's director application
 * makes one with -addJREIU; Tycho's director goal cannot, so this takes the unit Tycho published for Java 17 (its
 * package list) and adds the execution environments up to the requested version, as p2's JRE action would list them.
 */
public final class JreUnitRepository {

    private static final Pattern UNIT = Pattern.compile("<unit id='a\\.jre\\.javase' version='([^']+)'.*?</unit>",
        Pattern.DOTALL);

    private JreUnitRepository() {
    }

    public static void main(String[] args) throws IOException {
        write(Path.of(args[0]), Integer.parseInt(args[1]), Path.of(args[2]));
    }

    /**
     * Writes a repository to {@code out} with a JRE unit for Java {@code version}, from the site's content.jar.
     */
    static void write(Path siteContentJar, int version, Path out) throws IOException {
        String content;
        try (ZipFile zip = new ZipFile(siteContentJar.toFile());
            InputStream in = zip.getInputStream(zip.getEntry("content.xml"))) {
            content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher m = UNIT.matcher(content);
        if (!m.find()) {
            throw new IOException(siteContentJar + " holds no a.jre.javase unit to start from");
        }
        int from = Integer.parseInt(m.group(1).split("\\.")[0]);
        String newVersion = "version='" + version + ".0.0'";
        String unit = m.group()
            .replace("<unit id='a.jre.javase' version='" + m.group(1) + "'", "<unit id='a.jre.javase' " + newVersion)
            .replace("name='a.jre.javase' version='" + m.group(1) + "'", "name='a.jre.javase' " + newVersion);
        StringBuilder added = new StringBuilder();
        int count = 0;
        for (int v = from + 1; v <= version; v++) {
            added.append("        <provided namespace='osgi.ee' name='JavaSE' version='").append(v).append(".0.0'/>\n");
            count++;
        }
        Matcher size = Pattern.compile("<provides size='(\\d+)'>").matcher(unit);
        if (!size.find()) {
            throw new IOException("unexpected JRE unit in " + siteContentJar);
        }
        unit = unit.replace(size.group(), "<provides size='" + (Integer.parseInt(size.group(1)) + count) + "'>")
            .replace("      </provides>", added + "      </provides>");
        KnimeProductAssembler.write(out.resolve("content.xml"), "<?xml version='1.0' encoding='UTF-8'?>\n"
            + "<?metadataRepository version='1.2.0'?>\n"
            + "<repository name='JRE " + version + " unit (tests only)' "
            + "type='org.eclipse.equinox.internal.p2.metadata.repository.LocalMetadataRepository' version='1'>\n"
            + "  <properties size='1'><property name='p2.timestamp' value='0'/></properties>\n"
            + "  <units size='1'>\n    " + unit + "\n  </units>\n</repository>\n");
        // the unit has no artifact, but p2 looks for an artifact repository at every location it is given
        KnimeProductAssembler.write(out.resolve("artifacts.xml"), "<?xml version='1.0' encoding='UTF-8'?>\n"
            + "<?artifactRepository version='1.1.0'?>\n"
            + "<repository name='JRE " + version + " unit (tests only)' "
            + "type='org.eclipse.equinox.p2.artifact.repository.simpleRepository' version='1'>\n"
            + "  <properties size='0'/>\n  <mappings size='0'/>\n  <artifacts size='0'/>\n</repository>\n");
    }
}
