package io.somnus.experiment.config;

/**
 * The SG-SNN's configuration ({@code model: sg}): the surrogate-gradient network of its {@code sg} section, trained by
 * minibatches for {@code train.epochs} epochs (unless {@code sg.epochs} is given).
 *
 * @param preset      the {@code preset} field: the name of the preset the configuration came from
 * @param description a line saying what the configuration is, for listings
 * @param basePreset  the bundled preset a changes file changed ({@code preset: paper} plus edits), whose runs are then
 *                    named after the file; null (absent) for a preset or a whole configuration of one's own
 * @param seed        the run's seed; every random stream of the run is split from it
 * @param dataset     the {@code dataset} section
 * @param train       the {@code train} section
 * @param sleep       the sleep fraction f: with {@code sg.sleep_schedule: per_epoch} the probability of a sleep
 *                    episode after each epoch, with {@code every_minibatches} one episode every ⌊1/f⌋ minibatches
 *                    (docs/model-notes.md); the episode itself is {@code sg.sleep}
 * @param sg          the {@code sg} section: the network, its training and its sleep episode
 * @param protocol    {@code standard} (also where absent, as in every SG-SNN preset), or {@code continual}: the
 *                    classes arrive as tasks, each trained for the run's epochs (docs/sg.md, "The continual protocol")
 * @param continual   the tasks of the continual protocol (read only with {@code protocol: continual})
 */
public record SgRunConfig(String preset, String description, String basePreset, long seed, DatasetConfig dataset,
                          SgTrainConfig train, SleepFractionConfig sleep, SgSection sg, Protocol protocol,
                          ContinualConfig continual) implements RunConfig {
    /** An absent protocol is the standard one. */
    public SgRunConfig {
        protocol = protocol == null ? Protocol.STANDARD : protocol;
    }

    @Override
    public ModelKind model() {
        return ModelKind.SG;
    }

    @Override
    public double sleepFraction() {
        return sleep.fraction();
    }

    @Override
    public <T> T match(Cases<T> cases) {
        return cases.sg(this);
    }
}
