package io.somnus.sg;

import io.somnus.data.LabeledImages;

/**
 * Refuses images an SG-SNN run cannot take, naming the set and the setting to change: an empty or missing set, images
 * of another size, labels beyond the outputs, pixels outside [0, 1], and continual tasks without images or with
 * images outside the training set.
 */
final class SgDataCheck {
    private SgDataCheck() { }

    /**
     * Each task has training images inside {@code train} (a minibatch's at least with drop_last) and evaluation images
     * that fit.
     */
    static void tasks(SgTasks tasks, LabeledImages train, SgConfig cfg) {
        for (int t = 0; t < tasks.tasks(); t++) {
            int[] images = tasks.trainImages().get(t);
            if (images.length == 0) {
                throw new IllegalArgumentException("SG-SNN: task " + (t + 1) + " has no training images");
            }
            if (cfg.dropLast() && images.length < cfg.batchSize()) {
                throw new IllegalArgumentException("SG-SNN: sg.drop_last leaves task " + (t + 1) + " nothing to train "
                        + "on: it has " + images.length + " training images, fewer than sg.batch_size = "
                        + cfg.batchSize() + "; lower sg.batch_size or set sg.drop_last to false");
            }
            for (int i : images) {
                if (i < 0 || i >= train.size()) {
                    throw new IllegalArgumentException("SG-SNN: task " + (t + 1) + " names training image " + i
                            + ", outside the training set of " + train.size());
                }
            }
            if (tasks.evaluation().get(t).size() == 0) {
                throw new IllegalArgumentException("SG-SNN: task " + (t + 1) + " has no evaluation images");
            }
            images(tasks.evaluation().get(t), cfg, "task " + (t + 1) + " evaluation");
        }
    }

    /** {@code data}, the {@code role} set (training, validation, evaluation, a task's evaluation), fits {@code cfg}. */
    static void images(LabeledImages data, SgConfig cfg, String role) {
        if (data == null) {
            throw new IllegalArgumentException("SG-SNN: no " + role + " images given");
        }
        if (role.equals("training") && data.size() == 0) {
            throw new IllegalArgumentException("SG-SNN: the training set " + data.name() + " is empty");
        }
        if (role.equals("training") && cfg.dropLast() && data.size() < cfg.batchSize()) {
            throw new IllegalArgumentException("SG-SNN: sg.drop_last leaves nothing to train on: the training set "
                    + data.name() + " has " + data.size() + " images, fewer than sg.batch_size = " + cfg.batchSize()
                    + "; lower sg.batch_size or set sg.drop_last to false");
        }
        if (data.pixels() != cfg.inputs()) {
            throw new IllegalArgumentException("sg.inputs is " + cfg.inputs() + " but the " + role + " set "
                    + data.name() + " has " + data.pixels() + " pixels per image (" + data.height() + "×"
                    + data.width() + "); resize the images or set sg.inputs to " + data.pixels());
        }
        if (data.numClasses() > cfg.outputs()) {
            throw new IllegalArgumentException("sg.outputs is " + cfg.outputs() + " but the " + role + " set "
                    + data.name() + " has " + data.numClasses() + " classes; set sg.outputs to at least "
                    + data.numClasses());
        }
        float[][] images = data.images();
        int[] labels = data.labels();
        for (int i = 0; i < images.length; i++) {
            if (labels[i] < 0 || labels[i] >= cfg.outputs()) {
                throw new IllegalArgumentException("the " + role + " set " + data.name() + " has label " + labels[i]
                        + " at image " + i + "; labels must be in [0, " + cfg.outputs() + ")");
            }
            float[] img = images[i];
            if (img.length != cfg.inputs()) {
                throw new IllegalArgumentException("the " + role + " set " + data.name() + " has an image of "
                        + img.length + " pixels at index " + i + "; expected " + cfg.inputs());
            }
            for (float p : img) {
                if (!(p >= 0f && p <= 1f)) {
                    throw new IllegalArgumentException("the " + role + " set " + data.name() + " has pixel value "
                            + p + " in image " + i + "; SG-SNN inputs must be in [0, 1] (a pixel-sum normalisation "
                            + "such as Preprocess.PAPER's, the STDP-SNN's, can exceed 1: resize only, as "
                            + "Preprocess.PAPER_SG)");
                }
            }
        }
    }
}
