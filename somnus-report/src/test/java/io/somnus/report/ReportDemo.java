package io.somnus.report;

import java.nio.file.Path;

/** Writes the synthetic sweep and its report, for looking at: arguments sweep directory, HTML file. */
public final class ReportDemo {
    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Path dir = Path.of(args[0]);
        SyntheticStudy.sweep(dir, """
                name: synthetic
                presets: [paper, paper-sg]
                datasets: [fashion-mnist, geomfig]
                sleep_fractions: [0.0, 0.1, 0.2, 0.5]
                seeds: [1, 2, 3]
                """);
        ReportBuilder.build(dir, Path.of(args[1]));
    }
}
