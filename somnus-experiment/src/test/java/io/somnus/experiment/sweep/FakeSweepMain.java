package io.somnus.experiment.sweep;

import java.nio.file.Path;
import java.util.Set;

/**
 * A sweep with the fake executor (100–300 ms per run), run in a child JVM by {@link SweepKillResumeTest}.
 * Arguments: sweep file, output directory, workers, execution log.
 */
public final class FakeSweepMain {
    public static void main(String[] args) throws Exception {
        SweepCommandSupport support = new SweepCommandSupport(new FakeResolver(),
                new FakeExecutor(Path.of(args[3]), 100, 300, Set.of()));
        SweepResult r = support.run(Path.of(args[0]), Path.of(args[1]), Integer.parseInt(args[2]), false, SweepListener.NONE);
        System.exit(r.exitCode());
    }
}
