package io.somnus.experiment.bench;

import io.somnus.data.LabeledImages;
import io.somnus.experiment.config.Configs;
import io.somnus.experiment.config.ModelKind;
import io.somnus.experiment.config.SgRunConfig;
import io.somnus.experiment.model.DataPreparation;
import io.somnus.experiment.run.StandardResolver;
import io.somnus.experiment.sg.SgRun;
import io.somnus.sg.SgConfig;
import io.somnus.sg.SgListener;
import io.somnus.sg.SgResult;
import io.somnus.sg.SgTrainer;
import java.util.SplittableRandom;

/**
 * Training throughput of an SG-SNN preset (minibatch BPTT and Adam, no sleep, no evaluation) in images/s, after
 * a warm-up epoch that compiles the hot loops: the SG rows of {@code somnus bench}. The BLAS threads are the
 * process's ({@code OPENBLAS_NUM_THREADS}; the launcher sets 1).
 */
public final class SgThroughput {
    private SgThroughput() { }

    /** Whether {@code preset} is an SG-SNN preset. */
    public static boolean isSg(String preset) {
        return Configs.bind(new StandardResolver().resolve(Throughput.settings(preset, "geomfig", 1))).model()
                == ModelKind.SG;
    }

    /** The preset on {@code dataset} with {@code images} training images, nothing held out for evaluation. */
    public static SgRunConfig config(String preset, String dataset, int images) {
        return Configs.bind(new StandardResolver().resolve(Throughput.settings(preset, dataset, images)),
                SgRunConfig.class);
    }

    /** The SG configuration of {@code cfg} for its training images. */
    public static SgConfig sgConfig(SgRunConfig cfg, LabeledImages train) {
        return SgRun.sgConfig(cfg, train.pixels(), train.numClasses());
    }

    /** The training images of {@code cfg}. */
    public static LabeledImages data(SgRunConfig cfg) {
        return DataPreparation.prepare(cfg).train();
    }

    /** Images/s of one epoch over {@code images} images (sleep off), after a warm-up epoch over {@code warmup}. */
    public static double training(SgConfig sg, LabeledImages data, int warmup, int images) {
        SgConfig one = sg.toBuilder().epochs(1).sleepRatio(0).build();
        if (warmup > 0) {
            new SgTrainer().train(data.head(Math.min(warmup, data.size())), null, one, new SplittableRandom(1),
                    SgListener.NONE);
        }
        SgResult r = new SgTrainer().train(data.head(Math.min(images, data.size())), null, one,
                new SplittableRandom(2), SgListener.NONE);
        return r.imagesPerSecond();
    }
}
