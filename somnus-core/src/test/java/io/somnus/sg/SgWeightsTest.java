package io.somnus.sg;

import static io.somnus.sg.SgTrainerTest.blocks;
import static io.somnus.sg.SgTrainerTest.tiny;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The parameters by name for export: their order, shapes and layout against the network's own arrays. */
class SgWeightsTest {
    @Test
    void exportsWeightsAsPreByPostWithShapes() {
        SgConfig cfg = tiny().epochs(1).recurrent(true).build();
        SgTrainer trainer = new SgTrainer();
        SgResult r = trainer.train(blocks(30, 1), null, cfg, new SplittableRandom(1), SgListener.NONE);
        assertEquals(List.of("w_in_h", "b_h", "w_h_h", "w_h_out", "b_out"), List.copyOf(r.weights().keySet()));
        assertArrayEquals(new int[] {16, 24}, r.shapes().get("w_in_h"));
        assertArrayEquals(new int[] {24, 3}, r.shapes().get("w_h_out"));
        assertArrayEquals(new int[] {3}, r.shapes().get("b_out"));
        SgNetwork net = trainer.network();
        // Element [pre j][post h] of the export is the network's weight from j to h.
        assertEquals(net.w[0][5 * 16 + 7], r.weights().get("w_in_h")[7 * 24 + 5]);
        assertEquals(net.w[1][2 * 24 + 11], r.weights().get("w_h_out")[11 * 3 + 2]);
        assertEquals(net.v[0][3 * 24 + 20], r.weights().get("w_h_h")[20 * 24 + 3]);

        SgConfig deep = tiny().epochs(1).depth(2).build();
        SgResult d = new SgTrainer().train(blocks(30, 1), null, deep, new SplittableRandom(1), SgListener.NONE);
        assertEquals(List.of("w_in_h1", "b_h1", "w_h1_h2", "b_h2", "w_h2_out", "b_out"),
                List.copyOf(d.weights().keySet()));
    }
}
