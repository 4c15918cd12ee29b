package io.somnus.data;

import java.io.IOException;
import java.lang.ref.SoftReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sets read by {@link IdxReader#read}, remembered per (files, their modification time and size, format, limit) so
 * that the runs of a sweep in one JVM do not decompress, hash and check the same files again (≈ 0.3 s for a
 * Fashion-MNIST run on this machine class, even with a limit: the files are read to the end). Every caller gets its
 * own copy of the images and labels (callers may write to them); the remembered sets are soft references, which the
 * garbage collector clears before the JVM runs out of memory. A file replaced or touched is read again.
 */
final class IdxCache {
    private record Key(String name, Path images, long imagesModified, long imagesSize, Path labels, long labelsModified,
                       long labelsSize, IdxFormat format, int limit) {
    }

    private static final Map<Key, SoftReference<LabeledImages>> SETS = new ConcurrentHashMap<>();
    private static final AtomicLong READS = new AtomicLong();

    private IdxCache() {
    }

    /** {@link IdxReader#read}, or a copy of the set it gave for the same unchanged files in this JVM. */
    static LabeledImages read(String name, Path imagesFile, Path labelsFile, IdxFormat format, int limit) {
        Key key = key(name, imagesFile, labelsFile, format, limit);
        SoftReference<LabeledImages> ref = key == null ? null : SETS.get(key);
        LabeledImages set = ref == null ? null : ref.get();
        if (set == null) {
            READS.incrementAndGet();
            set = IdxReader.read(name, imagesFile, labelsFile, format, limit);
            if (key != null) {
                SETS.put(key, new SoftReference<>(set));
            }
        }
        return copy(set);
    }

    /** Number of sets read from the files so far (for tests). */
    static long reads() {
        return READS.get();
    }

    /** null when a file's attributes cannot be read: the reader then reports what is wrong with it. */
    private static Key key(String name, Path images, Path labels, IdxFormat format, int limit) {
        try {
            Path i = images.toAbsolutePath().normalize();
            Path l = labels.toAbsolutePath().normalize();
            BasicFileAttributes ia = Files.readAttributes(i, BasicFileAttributes.class);
            BasicFileAttributes la = Files.readAttributes(l, BasicFileAttributes.class);
            return new Key(name, i, ia.lastModifiedTime().toMillis(), ia.size(), l, la.lastModifiedTime().toMillis(),
                    la.size(), format, limit);
        } catch (IOException e) {
            return null;
        }
    }

    private static LabeledImages copy(LabeledImages s) {
        float[][] images = new float[s.images().length][];
        for (int k = 0; k < images.length; k++) {
            images[k] = s.images()[k].clone();
        }
        return new LabeledImages(s.name(), s.height(), s.width(), images, s.labels().clone(), s.numClasses(),
                s.sha256(), s.sources());
    }
}
