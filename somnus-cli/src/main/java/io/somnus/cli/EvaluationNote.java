package io.somnus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.somnus.experiment.config.Choices;
import io.somnus.experiment.config.ModelKind;
import io.somnus.experiment.sweep.PresentationRates;
import io.somnus.experiment.sweep.RunWork;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code train} says before an STDP-SNN run whose evaluation outweighs its training (a short run of a large
 * network: diehl-cook N_e = 1 600 on 300 images spent 244 of 269 s evaluating): how many images go through the frozen
 * network, and the settings that make that fewer (docs/performance.md, "A large network's short run is mostly
 * evaluation").
 */
final class EvaluationNote {
    /** Said where the frozen network sees more than this many times the training images. */
    static final double TIMES_TRAINING = 2;

    private EvaluationNote() { }

    /** The note for a resolved configuration; empty for the SG-SNN and where evaluation does not outweigh training. */
    static Optional<String> of(JsonNode config) {
        if (!Choices.of(ModelKind.STDP)
                .equals(config.path("model").asText())) {
            return Optional.empty();
        }
        double trained = PresentationRates.trainedImages(config);
        double evaluated = RunWork.stdpEvaluatedImages(config);
        if (!(evaluated > TIMES_TRAINING * trained)) {
            return Optional.empty();
        }
        JsonNode train = config.path("train");
        int checkpoints = train.path("checkpoints").asInt();
        return Optional.of(String.format(Locale.ROOT, "the frozen network will see %.0f images (%d checkpoint%s, each a "
                + "readout fit and %d validation images, then a fit and %d test images), %.1f× the %.0f it trains on, "
                + "which can take most of the wall time. To wait less: %sfewer --validation-images, or --set "
                + "train.readout_images=N (fewer images per fit; the final readouts' accuracies move)", evaluated,
                checkpoints, checkpoints == 1 ? "" : "s", train.path("validation_images").asInt(),
                train.path("test_images").asInt(), evaluated / trained, trained,
                checkpoints > 1 ? "--set train.checkpoints=1, " : ""));
    }
}
