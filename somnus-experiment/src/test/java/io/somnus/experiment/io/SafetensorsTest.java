package io.somnus.experiment.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Safetensors}: the bytes of a tiny file worked out by hand, and the order of mixed element types. */
class SafetensorsTest {
    @TempDir
    Path tmp;

    /**
     * A 2×3 float32 {@code w} and a 1-D {@code b}, given in that order: both F32, so {@code b} goes first (by name). The
     * header is 150 bytes of JSON (counted by hand: 16 for {@code {"__metadata__":}, 24 for its map, then 1 + 4 + 15 +
     * 12 + 21 for b's entry, 1 + 4 + 15 + 14 + 22 for w's, 1 for the closing brace), padded to 152 = 0x98 with two
     * spaces; then b's 8 bytes and w's 24, each float's IEEE 754 bits little-endian.
     */
    @Test
    void aTinyFileHasTheBytesWorkedOutByHand() throws Exception {
        Map<String, NpyArray> tensors = new LinkedHashMap<>();
        tensors.put("w", NpyArray.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        tensors.put("b", NpyArray.of(new float[] {0.5f, -2}, 2));
        Path file = tmp.resolve("tiny.safetensors");
        Safetensors.write(file, tensors, Map.of("layout", "[pre][post]"));

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(new byte[] {(byte) 0x98, 0, 0, 0, 0, 0, 0, 0});
        expected.writeBytes(("{\"__metadata__\":{\"layout\":\"[pre][post]\"},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[8,32]}}  ").getBytes(StandardCharsets.UTF_8));
        expected.writeBytes(bytes(
                0x00, 0x00, 0x00, 0x3F, /* 0.5 = 0x3F000000 */ 0x00, 0x00, 0x00, 0xC0, /* -2 = 0xC0000000 */
                0x00, 0x00, 0x80, 0x3F, /* 1 */ 0x00, 0x00, 0x00, 0x40, /* 2 */ 0x00, 0x00, 0x40, 0x40, /* 3 */
                0x00, 0x00, 0x80, 0x40, /* 4 */ 0x00, 0x00, 0xA0, 0x40, /* 5 */ 0x00, 0x00, 0xC0, 0x40 /* 6 */));
        assertEquals(8 + 152 + 32, expected.size());
        assertArrayEquals(expected.toByteArray(), Files.readAllBytes(file));
    }

    /**
     * safetensors' own writer puts the wider element first, I64 before F64 (its Dtype enum's order), then names: so
     * every tensor starts at a multiple of its element's size. No metadata: no {@code __metadata__} key.
     */
    @Test
    void widerElementsGoFirstThenNames() throws Exception {
        Map<String, NpyArray> tensors = new LinkedHashMap<>();
        tensors.put("a_i32", NpyArray.of(new int[] {7, -8, 9}, 3));
        tensors.put("b_f32", NpyArray.of(new float[] {1.5f}, 1, 1));
        tensors.put("z_f64", NpyArray.of(new double[] {0.25, 3}, 2));
        tensors.put("c_f64", NpyArray.of(new double[] {-1}));
        tensors.put("y_i64", NpyArray.of(new long[] {1L << 40}, 1));
        Path file = tmp.resolve("mixed.safetensors");
        Safetensors.write(file, tensors, Map.of());

        ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int n = (int) all.getLong();
        assertEquals(0, n % 8, "the buffer starts at a multiple of 8 bytes");
        JsonNode header = Mappers.JSON.readTree(new String(all.array(), 8, n, StandardCharsets.UTF_8).strip());
        List<String> names = new ArrayList<>();
        header.properties().forEach(p -> names.add(p.getKey()));
        assertEquals(List.of("y_i64", "c_f64", "z_f64", "b_f32", "a_i32"), names);
        assertEquals("[0,8]", header.path("y_i64").path("data_offsets").toString());
        assertEquals("[]", header.path("c_f64").path("shape").toString(), "a scalar has shape []");
        assertEquals("[8,16]", header.path("c_f64").path("data_offsets").toString());
        assertEquals("[16,32]", header.path("z_f64").path("data_offsets").toString());
        assertEquals("[32,36]", header.path("b_f32").path("data_offsets").toString());
        assertEquals("[36,48]", header.path("a_i32").path("data_offsets").toString());
        assertFalse(header.has(Safetensors.METADATA));
        all.position(8 + n + 36);
        assertEquals(-8, all.getInt(all.position() + 4));
        assertEquals(8 + n + 48, all.capacity(), "nothing after the last tensor");
    }

    /** A written file begins with a header; text, a short file and a header length past the file's end do not. */
    @Test
    void onlyAFileThatBeginsAsTheFormatHasAHeader(@TempDir Path tmp) throws Exception {
        Path written = tmp.resolve("w.bin");
        Safetensors.write(written, Map.of("w", NpyArray.of(new float[] {1, 2}, 2)), Map.of());
        assertTrue(Safetensors.beginsWithHeader(written));
        assertFalse(Safetensors.beginsWithHeader(Files.writeString(tmp.resolve("notes.safetensors"), "a user's notes")));
        assertFalse(Safetensors.beginsWithHeader(Files.write(tmp.resolve("short"), new byte[] {2, 0, 0, 0, 0, 0, 0, 0})));
        ByteBuffer tooLong = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putLong(5).put((byte) '{');
        assertFalse(Safetensors.beginsWithHeader(Files.write(tmp.resolve("cut"), tooLong.array())));
        ByteBuffer fits = ByteBuffer.allocate(13).order(ByteOrder.LITTLE_ENDIAN).putLong(5).put((byte) '{');
        assertTrue(Safetensors.beginsWithHeader(Files.write(tmp.resolve("fits"), fits.array())));
    }

    @Test
    void aTensorMayNotTakeTheMetadataKey() {
        Map<String, NpyArray> tensors = Map.of(Safetensors.METADATA, NpyArray.of(new float[] {1}, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Safetensors.write(tmp.resolve("x.safetensors"), tensors, Map.of()));
        assertEquals("a tensor may not be named '__metadata__' in a safetensors file", e.getMessage());
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
