package io.somnus.experiment.io;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * numpy's {@code .npz} archive: a zip file with one {@code .npy} file per named array, as written by
 * {@code numpy.savez_compressed} and read by {@code numpy.load}.
 *
 * <p>Writes {@code .npy} format version 1.0: the magic {@code \x93NUMPY}, version bytes 1 0, a
 * little-endian uint16 header length, then an ASCII Python dict literal
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }} padded with spaces and ended by a
 * newline so that the data starts at a multiple of 64 bytes; then the elements, little-endian, C order.
 * Reads versions 1.0, 2.0 and 3.0, either byte order, C or Fortran order (converted to C order), and
 * stored or deflated entries.
 */
public final class Npz {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** numpy aligns the data start to 64 bytes since numpy 1.14 (NEP 1: {@code ARRAY_ALIGN = 64}). */
    private static final int ALIGN = 64;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([a-z]\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** Every entry's modification time: the earliest a zip can hold, in no time zone. */
    static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    private Npz() {}

    /** Writes the arrays (in the map's order) as a deflate-compressed {@code .npz}, atomically. */
    public static void write(Path file, Map<String, NpyArray> arrays) throws IOException {
        AtomicFiles.write(file, out -> write(out, arrays));
    }

    /** Writes the arrays as a {@code .npz} archive to a stream (which is finished but not closed). */
    public static void write(OutputStream out, Map<String, NpyArray> arrays) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(out, 1 << 16));
        zip.setLevel(Deflater.BEST_SPEED);
        for (Map.Entry<String, NpyArray> e : arrays.entrySet()) {
            String name = e.getKey();
            if (name.isEmpty() || name.contains("/")) {
                throw new IllegalArgumentException("array name must be non-empty without '/': '" + name + "'");
            }
            ZipEntry entry = new ZipEntry(name + ".npy");
            entry.setTimeLocal(ENTRY_TIME); // a fixed time, so that the same arrays give the same bytes
            zip.putNextEntry(entry);
            writeNpy(zip, e.getValue());
            zip.closeEntry();
        }
        zip.finish();
        zip.flush();
    }

    /** The {@code .npy} header (magic, version, length, dict, padding) for an array. */
    static byte[] npyHeader(NpyArray array) {
        StringBuilder dict = new StringBuilder();
        dict.append("{'descr': '").append(array.dtype().descr()).append("', 'fortran_order': False, 'shape': (");
        int[] shape = array.shape();
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                dict.append(", ");
            }
            dict.append(shape[i]);
        }
        if (shape.length == 1) {
            dict.append(',');
        }
        dict.append("), }");
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padding = (ALIGN - unpadded % ALIGN) % ALIGN;
        dict.append(" ".repeat(padding)).append('\n');
        byte[] text = dict.toString().getBytes(StandardCharsets.US_ASCII);
        if (text.length > 0xFFFF) {
            throw new IllegalArgumentException("npy header too long for format 1.0: " + text.length + " bytes");
        }
        ByteBuffer header = ByteBuffer.allocate(MAGIC.length + 4 + text.length).order(ByteOrder.LITTLE_ENDIAN);
        header.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length).put(text);
        return header.array();
    }

    /** Writes one array as a complete {@code .npy} file. */
    public static void writeNpy(OutputStream out, NpyArray array) throws IOException {
        out.write(npyHeader(array));
        writeElements(out, array);
    }

    /** Writes an array's elements, little-endian, in C order: a {@code .npy} file's data, a safetensors tensor's bytes. */
    static void writeElements(OutputStream out, NpyArray array) throws IOException {
        int n = array.size();
        int chunk = Math.max(1, (1 << 16) / array.dtype().bytes());
        ByteBuffer buf = ByteBuffer.allocate(chunk * array.dtype().bytes()).order(ByteOrder.LITTLE_ENDIAN);
        Object data = array.data();
        for (int start = 0; start < n; start += chunk) {
            int end = Math.min(n, start + chunk);
            buf.clear();
            switch (array.dtype()) {
                case FLOAT32 -> buf.asFloatBuffer().put((float[]) data, start, end - start);
                case FLOAT64 -> buf.asDoubleBuffer().put((double[]) data, start, end - start);
                case INT32 -> buf.asIntBuffer().put((int[]) data, start, end - start);
                case INT64 -> buf.asLongBuffer().put((long[]) data, start, end - start);
            }
            out.write(buf.array(), 0, (end - start) * array.dtype().bytes());
        }
    }

    /**
     * Reads every {@code .npy} entry of a {@code .npz} file, in archive order, keyed by the entry name
     * without {@code .npy}.
     *
     * @throws FileFormatException naming the file and entry when an entry is not a supported {@code .npy}
     */
    public static Map<String, NpyArray> read(Path file) throws IOException {
        return read(file, name -> true);
    }

    /**
     * As {@link #read(Path)}, decoding only the entries whose name (without {@code .npy}) {@code wanted} accepts: the
     * report's receptive fields need {@code input_e} alone, where a diehl-cook N_e = 6 400 run's file also holds two
     * dense 6 400 × 6 400 matrices (330 MB as arrays).
     */
    public static Map<String, NpyArray> read(Path file, Predicate<String> wanted)
            throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            ZipEntry entry;
            boolean any = false;
            while ((entry = zip.getNextEntry()) != null) {
                any = true;
                String name = entry.getName();
                if (entry.isDirectory() || !name.endsWith(".npy") || !wanted.test(name.substring(0, name.length() - 4))) {
                    continue;
                }
                try {
                    arrays.put(name.substring(0, name.length() - 4), readNpy(zip));
                } catch (FileFormatException e) {
                    throw new FileFormatException(file + ", entry " + name + ": " + e.getMessage(), e);
                }
            }
            if (!any) {
                throw new FileFormatException(file + ": not a zip (.npz) archive, or an empty one");
            }
        } catch (ZipException | EOFException e) {
            throw damaged(file, e);
        }
        return arrays;
    }

    /**
     * Checks that a {@code .npz} file is whole without decoding it: its central directory is there (a file cut short
     * loses it) and every entry reads to its end with its recorded size and CRC-32 (a file changed in place fails it).
     *
     * @throws FileFormatException naming the file when it is damaged
     */
    public static void verify(Path file) throws IOException {
        try (ZipFile whole = new ZipFile(file.toFile())) {
            if (whole.size() == 0) {
                throw new FileFormatException(file + " is damaged: an empty archive");
            }
        } catch (ZipException e) {
            throw damaged(file, e);
        }
        byte[] buffer = new byte[1 << 16];
        try (ZipInputStream zip = new ZipInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            while (zip.getNextEntry() != null) {
                while (zip.read(buffer) >= 0) {
                    // read to the entry's end: ZipInputStream compares its size and CRC-32 there
                }
            }
        } catch (ZipException | EOFException e) {
            throw damaged(file, e);
        }
    }

    private static FileFormatException damaged(Path file, IOException e) {
        return new FileFormatException(file + " is damaged (" + e.getMessage() + "): the run that wrote it did not "
                + "finish writing it, or it was changed since", e);
    }

    /**
     * Every {@code .npy} entry's header of a {@code .npz} file, in archive order, keyed by the entry name without
     * {@code .npy}: shapes and element types without reading the elements (only each entry's first bytes are
     * inflated), for describing a file whose arrays are large — a diehl-cook N_e = 6 400 run's holds two dense
     * 6 400 × 6 400 matrices. Does not check that the data is whole: {@link #verify} does.
     *
     * @throws FileFormatException naming the file (and entry) when it is no zip archive or an entry no {@code .npy}
     */
    public static Map<String, NpyHeader> list(Path file) throws IOException {
        Map<String, NpyHeader> headers = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                String name = entry.getName();
                if (entry.isDirectory() || !name.endsWith(".npy")) {
                    continue;
                }
                try (InputStream in = new BufferedInputStream(zip.getInputStream(entry), 1 << 12)) {
                    headers.put(name.substring(0, name.length() - 4), readNpyHeader(new DataInputStream(in)));
                } catch (FileFormatException e) {
                    throw new FileFormatException(file + ", entry " + name + ": " + e.getMessage(), e);
                }
            }
            if (zip.size() == 0) {
                throw new FileFormatException(file + ": an empty .npz archive");
            }
        } catch (ZipException | EOFException e) {
            throw damaged(file, e);
        }
        return headers;
    }

    /** Reads one {@code .npy} file from a stream (reading exactly its bytes). */
    public static NpyArray readNpy(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        NpyHeader header = readNpyHeader(data);
        NpyArray.DType dtype = header.dtype();
        ByteOrder order = header.order();
        boolean fortranOrder = header.fortranOrder();
        int[] shape = header.shape();
        long size = header.size();
        if (size > Integer.MAX_VALUE - 8) {
            throw new FileFormatException("array of " + size + " elements is too large for Java arrays");
        }
        int n = (int) size;
        byte[] raw = new byte[Math.multiplyExact(n, dtype.bytes())];
        try {
            data.readFully(raw);
        } catch (EOFException e) {
            throw new FileFormatException("truncated: expected " + raw.length + " data bytes for shape "
                    + Arrays.toString(shape));
        }
        ByteBuffer buf = ByteBuffer.wrap(raw).order(order);
        NpyArray array = switch (dtype) {
            case FLOAT32 -> {
                float[] a = new float[n];
                buf.asFloatBuffer().get(a);
                yield NpyArray.of(a, shape);
            }
            case FLOAT64 -> {
                double[] a = new double[n];
                buf.asDoubleBuffer().get(a);
                yield NpyArray.of(a, shape);
            }
            case INT32 -> {
                int[] a = new int[n];
                buf.asIntBuffer().get(a);
                yield NpyArray.of(a, shape);
            }
            case INT64 -> {
                long[] a = new long[n];
                buf.asLongBuffer().get(a);
                yield NpyArray.of(a, shape);
            }
        };
        return fortranOrder && shape.length > 1 ? toCOrder(array) : array;
    }

    /** Reads a {@code .npy} file's magic, version and header from a stream, leaving it at the first data byte. */
    static NpyHeader readNpyHeader(DataInputStream data) throws IOException {
        byte[] magic = new byte[MAGIC.length];
        try {
            data.readFully(magic);
        } catch (EOFException e) {
            throw new FileFormatException("truncated: no .npy magic");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (magic[i] != MAGIC[i]) {
                throw new FileFormatException("not a .npy file (magic \\x93NUMPY missing)");
            }
        }
        int major = data.readUnsignedByte();
        data.readUnsignedByte();
        long headerLength;
        if (major == 1) {
            headerLength = Short.toUnsignedInt(Short.reverseBytes(data.readShort()));
        } else if (major == 2 || major == 3) {
            headerLength = Integer.toUnsignedLong(Integer.reverseBytes(data.readInt()));
        } else {
            throw new FileFormatException(".npy format version " + major + " is not supported (1, 2, 3 are)");
        }
        if (headerLength > 1 << 20) {
            throw new FileFormatException(".npy header of " + headerLength + " bytes is implausible");
        }
        byte[] headerBytes = new byte[(int) headerLength];
        data.readFully(headerBytes);
        String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);

        Matcher descr = DESCR.matcher(header);
        Matcher fortran = FORTRAN.matcher(header);
        Matcher shapeMatch = SHAPE.matcher(header);
        if (!descr.find() || !fortran.find() || !shapeMatch.find()) {
            throw new FileFormatException("unreadable .npy header: " + header.strip());
        }
        NpyArray.DType dtype = NpyArray.DType.ofCode(descr.group(2));
        if (dtype == null) {
            throw new FileFormatException("element type '" + descr.group(1) + descr.group(2)
                    + "' is not supported (float32 <f4, float64 <f8, int32 <i4, int64 <i8 are)");
        }
        ByteOrder order = descr.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        return new NpyHeader(dtype, order, fortran.group(1).equals("True"), parseShape(shapeMatch.group(1)));
    }

    private static int[] parseShape(String text) {
        String[] parts = text.split(",");
        int count = 0;
        for (String p : parts) {
            if (!p.isBlank()) {
                count++;
            }
        }
        int[] shape = new int[count];
        int i = 0;
        for (String p : parts) {
            if (!p.isBlank()) {
                String digits = p.strip();
                if (digits.endsWith("L")) {
                    digits = digits.substring(0, digits.length() - 1);
                }
                try {
                    shape[i++] = Integer.parseInt(digits);
                } catch (NumberFormatException e) {
                    throw new FileFormatException("bad dimension '" + p.strip() + "' in shape (" + text + ")");
                }
            }
        }
        return shape;
    }

    /** Reorders a Fortran-order (first index fastest) array into C order. */
    private static NpyArray toCOrder(NpyArray f) {
        int[] shape = f.shape();
        int n = f.size();
        int rank = shape.length;
        int[] index = new int[rank];
        // Fortran strides: stride[0] = 1, stride[k] = stride[k-1] * shape[k-1]
        int[] fStride = new int[rank];
        fStride[0] = 1;
        for (int k = 1; k < rank; k++) {
            fStride[k] = fStride[k - 1] * shape[k - 1];
        }
        Object src = f.data();
        Object dst = Array.newInstance(src.getClass().getComponentType(), n);
        for (int c = 0; c < n; c++) {
            int fi = 0;
            for (int k = 0; k < rank; k++) {
                fi += index[k] * fStride[k];
            }
            System.arraycopy(src, fi, dst, c, 1);
            for (int k = rank - 1; k >= 0; k--) {
                if (++index[k] < shape[k]) {
                    break;
                }
                index[k] = 0;
            }
        }
        return switch (f.dtype()) {
            case FLOAT32 -> NpyArray.of((float[]) dst, shape);
            case FLOAT64 -> NpyArray.of((double[]) dst, shape);
            case INT32 -> NpyArray.of((int[]) dst, shape);
            case INT64 -> NpyArray.of((long[]) dst, shape);
        };
    }

    /** Bytes of a {@code .npz} holding the arrays, for tests and small in-memory uses. */
    static byte[] toBytes(Map<String, NpyArray> arrays) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        write(bytes, arrays);
        return bytes.toByteArray();
    }
}
