package io.somnus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.somnus.experiment.config.Choices;
import io.somnus.experiment.config.ModelKind;
import io.somnus.experiment.config.Protocol;
import io.somnus.experiment.io.Csv;
import io.somnus.experiment.sweep.PresentationRates;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code train} says before an STDP-SNN run that asks for sleep but trains too few wake steps to reach its first
 * episode: {@code --preset paper --train-images 300} (30 000 wake steps against sleep.wake_steps 35 000) ran to the end
 * and said only then, in its summary, that it never slept and compares as a run without sleep.
 */
final class SleepNote {
    private SleepNote() { }

    /**
     * The note for a resolved configuration; empty for the SG-SNN (whose episodes follow epochs or draws), for the
     * continual protocol, for a run without sleep or plasticity, and wherever the first episode may come. The wake
     * steps counted are the most the run can train (every image at encoding.max_presentations), so that a run the note
     * speaks of cannot sleep.
     */
    static Optional<String> of(JsonNode config) {
        JsonNode sleep = config.path("sleep");
        double fraction = sleep.path("fraction").asDouble();
        if (!Choices.of(ModelKind.STDP).equals(config.path("model").asText())
                || Choices.of(Protocol.CONTINUAL).equals(config.path("protocol").asText())
                || !(fraction > 0) || !config.path("train").path("plasticity").asBoolean(true)) {
            return Optional.empty();
        }
        long stepsPerImage = config.path("simulation").path("steps_per_image").asLong();
        long presentations = Math.max(1, config.path("encoding").path("max_presentations").asLong(1));
        double images = PresentationRates.trainedImages(config);
        double mostWakeSteps = images * stepsPerImage * presentations;
        long wakeSteps = sleep.path("wake_steps").asLong();
        if (!(mostWakeSteps < wakeSteps)) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "sleep fraction %s asks for an episode after every %d wake steps "
                + "(sleep.wake_steps), but this run trains at most %.0f (%.0f images × %d steps%s): it will not sleep, "
                + "and compares as a run without sleep. To see sleep: more --train-images, or --set sleep.wake_steps=N "
                + "below %.0f", Csv.number(fraction), wakeSteps, mostWakeSteps, images, stepsPerImage,
                presentations > 1 ? " × " + presentations + " presentations" : "", mostWakeSteps));
    }
}
