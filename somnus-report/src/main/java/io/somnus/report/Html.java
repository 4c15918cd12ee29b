package io.somnus.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** A small HTML writer: escaping, headings, tables, embedded figures. Everything inline, no external URLs. */
final class Html {
    private StringBuilder out = new StringBuilder(1 << 16);
    /** Finished text and figures still being drawn ({@code Future<String>}), in page order. */
    private final List<Object> parts = new ArrayList<>();

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Appends raw HTML. */
    Html raw(String html) {
        out.append(html);
        return this;
    }

    /** Appends escaped text. */
    Html text(String text) {
        out.append(escape(text));
        return this;
    }

    Html tag(String tag, String text) {
        out.append('<').append(tag).append('>').append(escape(text)).append("</").append(tag).append(">\n");
        return this;
    }

    /** A heading with an anchor other sections link to. */
    Html heading(String tag, String id, String text) {
        out.append('<').append(tag).append(" id=\"").append(escape(id)).append("\">").append(escape(text))
                .append("</").append(tag).append(">\n");
        return this;
    }

    Html p(String text) {
        return tag("p", text);
    }

    /** A muted remark, e.g. "not recorded". */
    Html note(String text) {
        out.append("<p class=\"note\">").append(escape(text)).append("</p>\n");
        return this;
    }

    Html sectionStart(String id, String title) {
        out.append("<section id=\"").append(id).append("\">\n<h2>").append(escape(title)).append("</h2>\n");
        return this;
    }

    Html sectionEnd() {
        out.append("</section>\n");
        return this;
    }

    /**
     * A table; the first row is the header. Cells are escaped; in a {@code data} table a long name gets joints to wrap
     * at ({@link #breakable}).
     */
    Html table(List<List<String>> rows, String cssClass) {
        if (rows.isEmpty()) {
            return this;
        }
        out.append("<div class=\"tablewrap\"><table class=\"").append(cssClass).append("\">\n<thead><tr>");
        for (String h : rows.get(0)) {
            out.append("<th>").append(escape(h)).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        // a data table's cells keep to one line (numbers), so a long name there wraps only where it is given a joint
        boolean data = List.of(cssClass.split(" ")).contains("data");
        for (List<String> row : rows.subList(1, rows.size())) {
            out.append("<tr>");
            for (String c : row) {
                String cell = data ? breakable(c) : escape(c);
                out.append(cell.contains("<wbr>") ? "<td class=\"wrap\">" : "<td>").append(cell).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody></table></div>\n");
        return this;
    }

    /**
     * The text escaped, with a line-break opportunity ({@code <wbr>}) after each '.' followed by a letter
     * and each '=' followed by more text: a field path such as {@code projections.input_e.plasticity.eta=0.002}
     * breaks between its parts, never inside a number such as 5e-4 or 5.0E-4.
     */
    static String breakable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            b.append(escape(String.valueOf(c)));
            char next = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
            boolean joint = c == '.' && Character.isLetter(next)
                    || c == '=' && !Character.isWhitespace(next);
            if (joint) {
                b.append("<wbr>");
            }
        }
        return b.toString();
    }

    /** A grid of small figures (three to a row on a wide screen). */
    Html gridStart() {
        out.append("<div class=\"grid\">\n");
        return this;
    }

    /** A grid of wide figures (two to a row). */
    Html wideGridStart() {
        out.append("<div class=\"grid2\">\n");
        return this;
    }

    Html gridEnd() {
        out.append("</div>\n");
        return this;
    }

    /** An embedded figure: bytes of the given MIME type as a data URI, with a caption. */
    Html figure(String mime, byte[] bytes, String alt, String caption, String cssClass) {
        out.append("<figure class=\"").append(cssClass).append("\"><img alt=\"").append(escape(alt))
                .append("\" src=\"data:").append(mime).append(";base64,")
                .append(Base64.getEncoder().encodeToString(bytes)).append("\">");
        if (caption != null && !caption.isEmpty()) {
            out.append("<figcaption>").append(escape(caption)).append("</figcaption>");
        }
        out.append("</figure>\n");
        return this;
    }

    /** An inline SVG figure (markup from {@link Charts#svg}, possibly still being drawn) with a caption. */
    Html svgFigure(Future<String> svg, String label, String caption, String cssClass) {
        out.append("<figure class=\"").append(cssClass).append("\" role=\"img\" aria-label=\"").append(escape(label))
                .append("\">");
        parts.add(out);
        parts.add(svg);
        out = new StringBuilder(1 << 12);
        if (caption != null && !caption.isEmpty()) {
            out.append("<figcaption>").append(escape(caption)).append("</figcaption>");
        }
        out.append("</figure>\n");
        return this;
    }

    static String num(double v, int decimals) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** A p-value: 4 decimals, or "&lt;0.0001". */
    static String p(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return v < 1e-4 ? "<0.0001" : String.format(Locale.ROOT, "%.4f", v);
    }

    /** A number with 4 significant digits, plain where reasonable. */
    static String sig(double v) {
        return sig(v, 4);
    }

    /** A number with {@code digits} significant digits; scientific below 0.001 and from 10^6. */
    static String sig(double v, int digits) {
        if (Double.isNaN(v)) {
            return "–";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "−∞";
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e6)) {
            return String.format(Locale.ROOT, "%." + (digits - 1) + "e", v);
        }
        return new BigDecimal(v).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
    }

    /** The page, waiting for figures still being drawn. */
    @Override
    public String toString() {
        StringBuilder page = new StringBuilder(1 << 20);
        for (Object part : parts) {
            if (part instanceof Future<?> f) {
                try {
                    page.append((String) f.get());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while drawing figures", e);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            } else {
                page.append(part);
            }
        }
        return page.append(out).toString();
    }
}
