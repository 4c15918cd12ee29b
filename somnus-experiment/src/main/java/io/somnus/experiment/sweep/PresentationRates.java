package io.somnus.experiment.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Presentations per image of an STDP run whose preset shows an image again, brighter, while E fires fewer than
 * {@code encoding.min_spikes} spikes, up to {@code encoding.max_presentations} times (Diehl &amp; Cook). The work of
 * training, of the sleep it schedules (the wake clock counts presentation steps) and of the frozen evaluation scales
 * with them. They grow with training (θ rises, so E fires less): about 1 over a calibration run's first 200 images,
 * 2.6–3.1 over 20 000 in diehl-cook, so a short run's rate cannot stand for a long run's.
 * <p>
 * A planned run's expected rate ({@link #expected}): that of finished runs of its cost key that trained at least as
 * many images (the median; a point), else a range from the finished runs' rate (too low: they saw only their first
 * images) to {@code max_presentations} (the worst case).
 */
public final class PresentationRates {
    /**
     * Presentations per image in training and in the frozen evaluation.
     *
     * @param train      presentations per training image (1: no re-presentation)
     * @param evaluation presentations per image in the frozen evaluation (1: no re-presentation)
     */
    public record PerImage(double train, double evaluation) {
        /** An image shown once, as every preset without re-presentation does. */
        public static final PerImage ONCE = new PerImage(1, 1);
    }

    /**
     * What a finished run of a re-presenting preset measured: its presentations per image and the images it trained.
     *
     * @param images   the images the run trained
     * @param perImage the presentations per image it measured
     */
    public record Measured(double images, PerImage perImage) { }

    /**
     * A planned run's presentations per image, from {@code low} to {@code high} (equal when known), with the images it
     * trains and the finished runs the figures come from: how many, and the most images one of them trained.
     *
     * @param key            the run's cost key
     * @param images         the images the run will train
     * @param low            the fewest presentations per image expected (the finished runs' rate)
     * @param high           the most expected ({@code max_presentations} where no finished run trained as many images)
     * @param runs           the finished runs the figures come from
     * @param measuredImages the most images one of them trained
     */
    public record Expected(String key, double images, PerImage low, PerImage high, int runs, double measuredImages) {
        /** Whether the rate is a range rather than one measured figure. */
        public boolean isRange() {
            return !low.equals(high);
        }
    }

    private PresentationRates() {
    }

    /** Whether a run with this resolved configuration may show an image more than once. */
    public static boolean represents(JsonNode config) {
        JsonNode enc = config.path("encoding");
        return !"sg".equals(config.path("model").asText()) && enc.path("min_spikes").asInt(0) > 0
                && enc.path("max_presentations").asInt(1) > 1;
    }

    /** The images a planned STDP run trains: images × epochs. */
    public static double trainedImages(JsonNode config) {
        JsonNode train = config.path("train");
        return train.path("images").asDouble() * Math.max(1, train.path("epochs").asInt(1));
    }

    /**
     * What a finished run measured (timing.json's {@code presentations} / {@code train_images}, and
     * {@code evaluation_presentations} / {@code evaluation_images}: 1 where it lacks them, as its costs then are per
     * image); null for a run that shows each image once or trained none.
     */
    static Measured measured(JsonNode config, JsonNode timing) {
        double images = timing.path("train_images").asDouble();
        if (!represents(config) || images <= 0 || !timing.path("presentations").isNumber()) {
            return null;
        }
        double evaluated = timing.path("evaluation_images").asDouble();
        double evaluation = evaluated > 0 && timing.path("evaluation_presentations").isNumber()
                ? timing.path("evaluation_presentations").asDouble() / evaluated : 1;
        return new Measured(images, new PerImage(timing.path("presentations").asDouble() / images, evaluation));
    }

    /**
     * The presentations per image of a planned run of cost key {@code key}, from the finished runs of that key
     * ({@code finished}, e.g. the calibration runs); null for a run that shows each image once.
     */
    static Expected expected(String key, JsonNode config, List<Measured> finished) {
        if (!represents(config)) {
            return null;
        }
        double images = trainedImages(config);
        double most = finished.stream().mapToDouble(Measured::images).max().orElse(0);
        List<Measured> asLong = finished.stream().filter(m -> m.images() >= images).toList();
        if (!asLong.isEmpty()) {
            PerImage rate = median(asLong);
            return new Expected(key, images, rate, rate, asLong.size(), most);
        }
        int max = config.path("encoding").path("max_presentations").asInt();
        PerImage low = finished.isEmpty() ? PerImage.ONCE : median(finished);
        return new Expected(key, images, low, new PerImage(max, max), finished.size(), most);
    }

    private static PerImage median(List<Measured> runs) {
        return new PerImage(median(runs, p -> p.train()), median(runs, p -> p.evaluation()));
    }

    private static double median(List<Measured> runs, ToDoubleFunction<PerImage> of) {
        double[] v = runs.stream().mapToDouble(m -> of.applyAsDouble(m.perImage())).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
