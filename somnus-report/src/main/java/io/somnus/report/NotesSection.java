package io.somnus.report;

/** What the other sections left out and why; written last, after they have added their notes. */
final class NotesSection implements Section {
    @Override
    public String id() {
        return "notes";
    }

    @Override
    public String title() {
        return "Notes";
    }

    @Override
    public String navLabel() {
        return "Notes";
    }

    @Override
    public boolean needsRuns() {
        return false;
    }

    @Override
    public void write(ReportContext ctx) {
        Html html = ctx.html();
        if (ctx.notes().isEmpty()) {
            html.note("Nothing was left out.");
        } else {
            html.raw("<ul>\n");
            for (String n : ctx.notes()) {
                html.raw("<li>").text(n).raw("</li>\n");
            }
            html.raw("</ul>\n");
        }
    }
}
