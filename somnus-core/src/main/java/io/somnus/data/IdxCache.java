package io.somnus.data;

import java.io.IOException;
import java.lang.ref.SoftReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sets read by {@link IdxReader#read}, remembered per (files, their modification time and size, format) so that the
 * runs of a sweep in one JVM do not decompress, hash and check the same files again (≈ 0.3–0.7 s for Fashion-MNIST,
 * even with a limit: the files are read to the end). A set read with a limit serves every request for as many images
 * or fewer (the first {@code limit} images of a file are the same whatever else is read); a request for more reads the
 * files again and keeps the larger set. One read per files at a time: a caller that needs files another thread is
 * reading waits for that read (a sweep's runs start together, and {@code prefetch} may have begun it). Every caller
 * gets its own copy of the images and labels (callers may write to them); the remembered sets are soft references,
 * which the garbage collector clears before the JVM runs out of memory. A file replaced or touched is read again.
 */
final class IdxCache {
    private record Key(String name, Path images, long imagesModified, long imagesSize, Path labels, long labelsModified,
                       long labelsSize, IdxFormat format) {
    }

    /** A set and whether it holds every image of its files (read without a limit, or the limit was not reached). */
    private record Entry(LabeledImages set, boolean complete) {
        boolean covers(int limit) {
            return complete || (limit > 0 && limit <= set.size());
        }
    }

    private static final Map<Key, SoftReference<Entry>> SETS = new ConcurrentHashMap<>();
    private static final Map<Key, Object> READING = new ConcurrentHashMap<>();
    private static final AtomicLong READS = new AtomicLong();

    private IdxCache() {
    }

    /** {@link IdxReader#read}, or a copy of the first {@code limit} images (0 = all) of a set read from the same files. */
    static LabeledImages read(String name, Path imagesFile, Path labelsFile, IdxFormat format, int limit) {
        Key key = key(name, imagesFile, labelsFile, format);
        if (key == null) {
            READS.incrementAndGet();
            return IdxReader.read(name, imagesFile, labelsFile, format, limit);
        }
        Entry e;
        synchronized (READING.computeIfAbsent(key, k -> new Object())) {
            SoftReference<Entry> ref = SETS.get(key);
            e = ref == null ? null : ref.get();
            if (e == null || !e.covers(limit)) {
                READS.incrementAndGet();
                LabeledImages set = IdxReader.read(name, imagesFile, labelsFile, format, limit);
                e = new Entry(set, limit <= 0 || set.size() < limit);
                SETS.put(key, new SoftReference<>(e));
            }
        }
        return copy(e.set(), limit);
    }

    /** Number of sets read from the files so far (for tests). */
    static long reads() {
        return READS.get();
    }

    /** null when a file's attributes cannot be read: the reader then reports what is wrong with it. */
    private static Key key(String name, Path images, Path labels, IdxFormat format) {
        try {
            Path i = images.toAbsolutePath().normalize();
            Path l = labels.toAbsolutePath().normalize();
            BasicFileAttributes ia = Files.readAttributes(i, BasicFileAttributes.class);
            BasicFileAttributes la = Files.readAttributes(l, BasicFileAttributes.class);
            return new Key(name, i, ia.lastModifiedTime().toMillis(), ia.size(), l, la.lastModifiedTime().toMillis(),
                    la.size(), format);
        } catch (IOException e) {
            return null;
        }
    }

    /** The first {@code limit} images (0 = all) and their labels, copied. */
    private static LabeledImages copy(LabeledImages s, int limit) {
        int n = limit > 0 ? Math.min(limit, s.size()) : s.size();
        float[][] images = new float[n][];
        for (int k = 0; k < n; k++) {
            images[k] = s.images()[k].clone();
        }
        return new LabeledImages(s.name(), s.height(), s.width(), images, Arrays.copyOf(s.labels(), n),
                s.numClasses(), s.sha256(), s.sources());
    }
}
