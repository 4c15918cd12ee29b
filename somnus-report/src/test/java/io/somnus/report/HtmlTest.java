package io.somnus.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The HTML writer's tables. */
class HtmlTest {
    /**
     * A grid variant's field path in a statistics table wraps at its dots and after '=' (its cell may wrap), so the
     * table need not run wider than the page; a number, and a cell with no such joint, stays on one line as before.
     */
    @Test
    void aFieldPathWrapsAtItsDotsANumberNever() {
        String html = new Html().table(List.of(List.of("variant", "test accuracy", "preset"),
                List.of("projections.input_e.plasticity.eta=5.0E-4", "0.475 [0.228, 0.725] (n = 2)", "paper (stdp)")),
                "data").toString();
        assertTrue(html.contains("<td class=\"wrap\">projections.<wbr>input_e.<wbr>plasticity.<wbr>eta=<wbr>"
                + "5.0E-4</td>"), html);
        assertTrue(html.contains("<td>0.475 [0.228, 0.725] (n = 2)</td><td>paper (stdp)</td>"), html);
        // a table whose cells wrap anyway (a file's checksum) keeps its text as it was
        assertTrue(new Html().table(List.of(List.of("file"), List.of("/data/a.gz")), "mono").toString()
                .contains("<td>/data/a.gz</td>"));
        // the text is the same once the break opportunities are taken out
        assertEquals("a.<b>=c", Html.breakable("a.<b>=c").replace("<wbr>", "").replace("&lt;", "<").replace("&gt;", ">"));
        assertEquals("x &lt; 0.5, y = 2", Html.breakable("x < 0.5, y = 2"));
    }
}
