package io.somnus.experiment.stdp;

import io.somnus.experiment.config.PopulationConfig;
import io.somnus.neuron.Population;
import java.lang.ref.SoftReference;
import java.util.HashMap;
import java.util.Map;

/**
 * The populations of model class that the last configuration check built ({@link NetworkFactory#validate}), kept for
 * the build of the run it checked, so that a neuron class's constructor runs once a run rather than once at the check
 * and again at the build. A build takes a kept population only where its configuration, size, step and class loader
 * are those it was built with, each at most once, and drops the rest: a population was only constructed and given
 * {@link Population#checkTimeStep} when it was kept, as fresh as one built anew, so a run's numbers are the same
 * either way. Kept softly: under memory pressure the collector clears them and the build constructs its own.
 */
final class CheckedNeurons {
    /** What a population's constructor and step check were given. */
    private record Key(PopulationConfig config, int size, double dtMs, ClassLoader loader) {
        Key(PopulationConfig config, int size, double dtMs) {
            this(config, size, dtMs, Thread.currentThread().getContextClassLoader());
        }
    }

    /** Builds a population of model class: {@link ClassNeurons#build}, or one the last check kept. */
    @FunctionalInterface
    interface Builder {
        /** The population {@code pc} names, of {@code size} neurons, checked against the step {@code dtMs}. */
        Population build(PopulationConfig pc, int size, double dtMs);
    }

    private static SoftReference<Map<Key, Population>> kept = new SoftReference<>(null);

    private CheckedNeurons() { }

    /** A builder for the check: it constructs every population, and {@link Recording#keep} keeps them. */
    static Recording recording() {
        return new Recording();
    }

    /** Constructs each population ({@link ClassNeurons#build}) and remembers it, to keep once the check has passed. */
    static final class Recording implements Builder {
        private final Map<Key, Population> built = new HashMap<>();

        private Recording() { }

        @Override
        public Population build(PopulationConfig pc, int size, double dtMs) {
            Population p = ClassNeurons.build(pc, size, dtMs);
            built.put(new Key(pc, size, dtMs), p);
            return p;
        }

        /** Keeps what this built for the next network's build, in place of whatever was kept before. */
        void keep() {
            synchronized (CheckedNeurons.class) {
                kept = new SoftReference<>(built.isEmpty() ? null : new HashMap<>(built));
            }
        }
    }

    /**
     * A builder for one network: it takes each population the last check kept for the same arguments (once), and
     * constructs the others; nothing stays kept after this call, so a later build constructs its own.
     */
    static synchronized Builder takingKept() {
        Map<Key, Population> taken = kept.get();
        kept = new SoftReference<>(null);
        Map<Key, Population> left = taken == null ? Map.of() : taken;
        return (pc, size, dtMs) -> {
            Population p = left.isEmpty() ? null : left.remove(new Key(pc, size, dtMs));
            return p != null ? p : ClassNeurons.build(pc, size, dtMs);
        };
    }
}
