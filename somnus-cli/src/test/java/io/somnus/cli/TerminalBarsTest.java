package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import me.tongfei.progressbar.ProgressBarConsumer;
import org.junit.jupiter.api.Test;

/** Bars redrawn in place on a fake terminal, and a message printed above them at once. */
class TerminalBarsTest {
    /**
     * What a terminal shows after {@code written}: the lines, as the cursor movements TerminalBars and progressbar
     * write leave them (CSI n A and B move up and down, \r to the line's start, CSI K and J clear to the line's or
     * screen's end, CSI … m colours are ignored).
     */
    static List<String> screen(String written) {
        List<StringBuilder> rows = new ArrayList<>(List.of(new StringBuilder()));
        int row = 0;
        int col = 0;
        for (int i = 0; i < written.length(); i++) {
            char c = written.charAt(i);
            if (c == '\u001b' && i + 1 < written.length() && written.charAt(i + 1) == '[') {
                int end = i + 2;
                while (!Character.isLetter(written.charAt(end))) {
                    end++;
                }
                String arg = written.substring(i + 2, end);
                int n = arg.isEmpty() ? 1 : Integer.parseInt(arg.replaceAll(";.*", ""));
                switch (written.charAt(end)) {
                    case 'A' -> row = Math.max(0, row - n);
                    case 'B' -> row += n;
                    case 'K' -> rows.get(row).setLength(Math.min(col, rows.get(row).length()));
                    case 'J' -> {
                        rows.get(row).setLength(Math.min(col, rows.get(row).length()));
                        while (rows.size() > row + 1) {
                            rows.remove(rows.size() - 1);
                        }
                    }
                    default -> { } // colours
                }
                i = end;
            } else if (c == '\r') {
                col = 0;
            } else if (c == '\n') {
                row++;
                col = 0;
            } else {
                StringBuilder line = rows.get(row);
                if (col < line.length()) {
                    line.setCharAt(col, c);
                } else {
                    line.append(c);
                }
                col++;
            }
            while (rows.size() <= row) {
                rows.add(new StringBuilder());
            }
        }
        List<String> out = new ArrayList<>(rows.stream().map(StringBuilder::toString).toList());
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    /**
     * Two bars, each redrawn on its own line; a message goes above both at once, and the bars' later redraws stay on
     * their lines below it. A line wider than the bars' columns is cut there, its colour codes not counted.
     */
    @Test
    void aMessageGoesAboveTheBarsAtOnceAndTheBarsStayBelowIt() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TerminalBars bars = new TerminalBars(new PrintStream(bytes, true, StandardCharsets.UTF_8), 30);
        ProgressBarConsumer overall = bars.newBar();
        ProgressBarConsumer worker = bars.newBar();
        overall.accept("sweep 0/4");
        worker.accept("worker 1 idle");
        overall.accept("sweep 1/4");
        assertEquals(List.of("sweep 1/4", "worker 1 idle"), screen(bytes.toString(StandardCharsets.UTF_8)));
        bars.printAbove("somnus: run x cannot go on from its snapshot");
        assertEquals(List.of("somnus: run x cannot go on from its snapshot", "sweep 1/4", "worker 1 idle"),
                screen(bytes.toString(StandardCharsets.UTF_8)));
        worker.accept("worker 1 run y train");
        overall.accept("\u001b[33msweep 2/4\u001b[0m " + "x".repeat(40));
        bars.printAbove("second");
        assertEquals(List.of("somnus: run x cannot go on from its snapshot", "second",
                "sweep 2/4 " + "x".repeat(20), "worker 1 run y train"), screen(bytes.toString(StandardCharsets.UTF_8)));
        overall.close();
        worker.close();
        assertEquals(4, screen(bytes.toString(StandardCharsets.UTF_8)).size(), "closing leaves the bars as they were");
    }

    @Test
    void aLineIsCutToItsColumnsNotCountingItsColours() {
        assertEquals("abc", TerminalBars.fit("abc", 5));
        assertEquals("\u001b[33mab\u001b[0m", TerminalBars.fit("\u001b[33mabcdef", 2));
        assertEquals("\u001b[33mab\u001b[0m", TerminalBars.fit("\u001b[33mab\u001b[0m", 2));
    }
}
