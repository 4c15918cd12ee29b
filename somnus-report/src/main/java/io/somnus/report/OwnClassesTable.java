package io.somnus.report;

import io.somnus.experiment.run.UserClassProvenance;
import java.util.Collection;
import java.util.Map;

/**
 * The classes of one's own the runs loaded ({@code rule: class}, {@code model: class}; provenance.json's
 * {@value UserClassProvenance#PROVENANCE}), in "What was run": each class's name, where it came from and the SHA-256 of
 * each of its class files, shown to {@value UserClassProvenance#SHORT_DIGEST} hex digits with the full value in its
 * title (a pointer's hover), as the full one tells two versions apart. Nothing for runs that loaded none.
 */
final class OwnClassesTable {
    private OwnClassesTable() { }

    static void write(Html html, Collection<UserClassProvenance> classes) {
        if (classes.isEmpty()) {
            return;
        }
        html.tag("h3", "Classes of one's own");
        StringBuilder b = new StringBuilder("<div class=\"tablewrap\"><table class=\"mono\">\n<thead><tr><th>class"
                + "</th><th>source</th><th>class files (SHA-256)</th></tr></thead>\n<tbody>\n");
        for (UserClassProvenance c : classes) {
            b.append("<tr><td>").append(Html.escape(c.className())).append("</td><td")
                    .append(c.jarSha256() == null ? "" : " title=\"jar SHA-256 " + Html.escape(c.jarSha256()) + "\"")
                    .append('>').append(Html.escape(c.source())).append("</td><td>");
            String joint = "";
            for (Map.Entry<String, String> f : c.classFiles().entrySet()) {
                String shown = UserClassProvenance.shortDigest(f.getValue());
                b.append(joint).append(Html.escape(f.getKey())).append(" <span title=\"")
                        .append(Html.escape(f.getValue())).append("\">").append(Html.escape(shown))
                        .append(shown.equals(f.getValue()) ? "" : "\u2026").append("</span>");
                joint = "<br>";
            }
            b.append("</td></tr>\n");
        }
        html.raw(b.append("</tbody></table></div>\n").toString());
        html.note("The class files' SHA-256 tell two versions of a class under one name apart (hover for the whole "
                + "digest; provenance.json holds them); a sweep's and a run's resume refuse to go on where they "
                + "changed.");
    }
}
