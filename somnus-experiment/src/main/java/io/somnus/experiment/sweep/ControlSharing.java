package io.somnus.experiment.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.config.Choices;
import io.somnus.experiment.config.InitialWeights;
import io.somnus.experiment.config.StudyControl;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which fields of a configuration an untrained control ({@code train.plasticity: false}, {@code sleep.fraction: 0})
 * cannot depend on, so that a sweep runs one control for the variants whose controls differ only there (README,
 * "Sweeps"). The list is short and conservative: a field not on it counts as relevant, and a field is on it only where
 * the code that reads it never runs, or never changes a number, with plasticity off at f = 0:
 *
 * <ul>
 *   <li>{@code projections.*.plasticity}, all but whether it is there: a rule applies only where plasticity is on
 *       ({@code Network.step}); whether a projection has one decides which projections are traced (sleep_traces.csv)
 *       and start at the sleep target, so its presence stays;</li>
 *   <li>the sleep fields {@link #SLEEP_PHASE_ONLY}: read only by the sleep phase and its schedule, which a control
 *       never runs ({@code StdpTraining}: plasticity off sleeps on {@code SleepSchedule.NEVER}); {@code wake_steps}
 *       (how often weights are traced), {@code budget}, {@code wake_clock} and {@code fraction} stay;</li>
 *   <li>where the weights start as the preset's ({@code train.initial_weights} absent or {@code preset}: the
 *       {@code untrained} control, unless a variant sets it), also {@link #SLEEP_TARGET}: the weight scale that only
 *       the sleep phase and initial weights at the sleep target read ({@code SleepTargetWeights}).</li>
 * </ul>
 */
final class ControlSharing {
    /** Sleep fields that only the sleep phase and its schedule read. */
    static final List<String> SLEEP_PHASE_ONLY = List.of("law", "lambda", "tau_sleep_ms", "weight_noise",
            "noise_std_mv", "input_rate_hz", "plasticity", "decay_every_steps", "early_end_tolerance",
            "trace_every_steps", "early_end", "keep_state", "episode", "max_episode_steps");
    /** Sleep fields that set the sleep target: irrelevant to a control at the preset's weights, not to one at the target. */
    static final List<String> SLEEP_TARGET = List.of("target", "target_magnitude", "projections");

    private ControlSharing() {}

    /** How many of {@code runs} are controls that an earlier one's {@link #key} would stand for: what sharing saves. */
    static int alike(List<PlannedRun> runs) {
        Set<String> seen = new HashSet<>();
        int n = 0;
        for (PlannedRun r : runs) {
            String key = key(r);
            if (key != null && !seen.add(key)) {
                n++;
            }
        }
        return n;
    }

    /**
     * What a control's runs depend on: two controls with the same key give the same numbers (the control, then the
     * canonical JSON of its configuration less the fields above); null for a run that is no STDP control.
     */
    static String key(PlannedRun run) {
        StudyControl control = StudyControl.byLabel(StudyControl.labelIn(run.variant()));
        JsonNode config = run.config();
        if (control == null || !"stdp".equals(config.path("model").asText())
                || config.path("train").path("plasticity").asBoolean(true)
                || config.path("sleep").path("fraction").asDouble(-1) != 0.0) {
            return null;
        }
        ObjectNode c = run.config().deepCopy();
        for (JsonNode p : c.path("projections")) {
            if (p instanceof ObjectNode projection && projection.has("plasticity")) {
                projection.put("plasticity", !projection.get("plasticity").isNull());
            }
        }
        if (c.get("sleep") instanceof ObjectNode sleep) {
            sleep.remove(SLEEP_PHASE_ONLY);
            String preset = Choices.of(InitialWeights.PRESET);
            if (config.path("train").path("initial_weights").asText(preset).equals(preset)) {
                sleep.remove(SLEEP_TARGET);
            }
        }
        return control.label() + "\n" + CanonicalJson.write(c);
    }
}
