package io.somnus.experiment.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hugging Face's {@code .safetensors} file, which {@code safetensors.torch.load_file} and
 * {@code safetensors.numpy.load_file} open without a zip reader or pickle: 8 bytes, the header's length N as a
 * little-endian unsigned 64-bit integer; N bytes of UTF-8 JSON, {@code {"__metadata__": {string: string},
 * "NAME": {"dtype": "F32", "shape": [2, 3], "data_offsets": [BEGIN, END]}, …}}, padded with spaces to a multiple of 8
 * bytes; then the tensors' bytes, each little-endian in C order, {@code [BEGIN, END)} counted from the buffer's start,
 * one after another with no gap (the format's README, "Format").
 *
 * <p>The tensors go in the order safetensors' own writer puts them (its {@code prepare}): the wider element type first
 * (I64, F64, F32, I32), then by name in UTF-8 byte order; {@code __metadata__} comes first, its keys sorted. The file
 * is then what {@code safetensors.numpy.save_file} writes for the same arrays, but for the order of its metadata,
 * which it takes from a hash map; every tensor starts at a multiple of its element's size (the header's length is one
 * of 8), so a reader may view it in place. The same arrays and metadata give the same bytes.
 */
public final class Safetensors {
    /** The file name's extension. */
    public static final String EXTENSION = ".safetensors";
    /** The header's length and the tensors' start are multiples of this (bytes): the widest element, 8 bytes. */
    private static final int ALIGN = 8;
    /** The header's key for the free-form string-to-string map. */
    static final String METADATA = "__metadata__";

    private Safetensors() {}

    /** The format's name for an element type: F32, F64, I32, I64. */
    static String dtype(NpyArray.DType type) {
        return switch (type) {
            case FLOAT32 -> "F32";
            case FLOAT64 -> "F64";
            case INT32 -> "I32";
            case INT64 -> "I64";
        };
    }

    /**
     * Writes the tensors, with {@code metadata} as {@code __metadata__} (left out when empty), to {@code file},
     * atomically (a temporary file beside it, then moved into place).
     *
     * @throws IllegalArgumentException when a name is empty or {@code __metadata__}
     */
    public static void write(Path file, Map<String, NpyArray> tensors, Map<String, String> metadata)
            throws IOException {
        List<String> names = order(tensors);
        byte[] header = header(names, tensors, metadata);
        AtomicFiles.write(file, out -> {
            OutputStream buffered = new BufferedOutputStream(out, 1 << 16);
            buffered.write(header);
            for (String name : names) {
                Npz.writeElements(buffered, tensors.get(name));
            }
            buffered.flush();
        });
    }

    /**
     * Whether {@code file} begins as this format does: a header length N that fits in the file, then a header opening
     * with {@code '{'}. Read to tell an earlier export, which a rerun replaces, from another file an {@code --out}
     * names by mistake; the header itself is not parsed.
     */
    public static boolean beginsWithHeader(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer start = ByteBuffer.allocate(Long.BYTES + 1).order(ByteOrder.LITTLE_ENDIAN);
            while (start.hasRemaining() && channel.read(start) >= 0) {
                // a channel may return fewer bytes than asked
            }
            if (start.hasRemaining()) {
                return false;
            }
            long headerBytes = start.getLong(0); // unsigned in the format: past 2^63 it reads negative, and fails
            return headerBytes > 0 && headerBytes <= channel.size() - Long.BYTES && start.get(Long.BYTES) == '{';
        }
    }

    /** The tensors' names in the buffer's order: the wider element type first, then by name in UTF-8 byte order. */
    static List<String> order(Map<String, NpyArray> tensors) {
        List<String> names = new ArrayList<>(tensors.keySet());
        for (String name : names) {
            if (name.isEmpty() || name.equals(METADATA)) {
                throw new IllegalArgumentException("a tensor may not be named '" + name + "' in a safetensors file");
            }
        }
        // I64 before F64 (both 8 bytes) as safetensors' Dtype enum orders them: descending, I64 > F64 > F32 > I32
        Comparator<String> wider = Comparator.comparingInt(n -> rank(tensors.get(n).dtype()));
        names.sort(wider.reversed().thenComparing((a, b) -> Arrays.compareUnsigned(
                a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8))));
        return names;
    }

    /** The element type's place in safetensors' {@code Dtype} enum, whose order its writer sorts by. */
    private static int rank(NpyArray.DType type) {
        return switch (type) {
            case INT32 -> 0;
            case FLOAT32 -> 1;
            case FLOAT64 -> 2;
            case INT64 -> 3;
        };
    }

    /** The file's first bytes: the header's length (u64, little-endian), then the header, padded with spaces. */
    static byte[] header(List<String> names, Map<String, NpyArray> tensors, Map<String, String> metadata)
            throws IOException {
        ObjectNode json = Mappers.JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = json.putObject(METADATA);
            new TreeMap<>(metadata).forEach(meta::put);
        }
        long offset = 0;
        for (String name : names) {
            NpyArray tensor = tensors.get(name);
            ObjectNode entry = json.putObject(name);
            entry.put("dtype", dtype(tensor.dtype()));
            ArrayNode shape = entry.putArray("shape");
            for (int d : tensor.shape()) {
                shape.add(d);
            }
            long end = offset + (long) tensor.size() * tensor.dtype().bytes();
            entry.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] text = Mappers.JSON.writeValueAsBytes(json); // compact, UTF-8, as serde_json writes it
        int padded = (text.length + ALIGN - 1) / ALIGN * ALIGN;
        ByteBuffer out = ByteBuffer.allocate(Long.BYTES + padded).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(text);
        while (out.hasRemaining()) {
            out.put((byte) ' ');
        }
        return out.array();
    }
}
