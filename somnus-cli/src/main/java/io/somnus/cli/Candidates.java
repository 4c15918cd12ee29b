package io.somnus.cli;

import io.somnus.data.DatasetCatalog;
import io.somnus.data.DatasetDescriptor;
import io.somnus.experiment.config.Configs;
import java.util.Iterator;

/** Names the shell completion offers for option values (`somnus generate-completion`). */
final class Candidates {
    private Candidates() { }

    /** The bundled presets. */
    static final class Presets implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Configs.PRESETS.iterator();
        }
    }

    /** The built-in datasets, as `somnus datasets` lists them. */
    static final class Datasets implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return DatasetCatalog.builtIn().stream().map(DatasetDescriptor::name).iterator();
        }
    }
}
