package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import me.tongfei.progressbar.AdvancingState;
import org.junit.jupiter.api.Test;

/** A bar's line says one count: its percentage, its bar and its "done/total" agree. */
class BarRendererTest {
    /**
     * A training log read "train  20% [==>       ] 100/500 … checkpoint 1/5" and then "train  19% [=>        ] 100/500":
     * the bar's thread read the count for the percentage, the training moved it, and the "100/500" read it again.
     */
    @Test
    void aLineReadsTheCountOnce() {
        String line = new BarRenderer(BarRenderer.Glyphs.ASCII, "", null, false)
                .render(new AdvancingState("train", 99, 500), 80);
        Matcher m = Pattern.compile("train +(\\d+)% \\[[=> ]*\\] (\\d+)/500").matcher(line);
        assertTrue(m.find(), line);
        assertTrue(Integer.parseInt(m.group(1)) == Integer.parseInt(m.group(2)) * 100 / 500, line);
    }
}
