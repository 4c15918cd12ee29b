package io.somnus.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

/**
 * One shape per element type among the species of Somnus's SIMD code: two shapes of one type share the Vector API's
 * type profiles, and C2 then runs stores as the API's Java fallback ({@link DoubleLanes}). Whatever width the kernels
 * took in this JVM, every double species must be the shared one.
 */
class DoubleLanesTest {
    /** Every class of Somnus that holds vector species. */
    private static final String[] VECTOR_CLASSES = {"io.somnus.kernel.VectorKernels", "io.somnus.readout.VectorDenseProducts"};

    @Test
    void eachElementTypeHasOneShape() throws ReflectiveOperationException {
        Map<Class<?>, VectorShape> shapes = new HashMap<>();
        Map<Class<?>, String> where = new HashMap<>();
        int doubleSpecies = 0;
        for (String name : VECTOR_CLASSES) {
            for (Field f : Class.forName(name).getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) || f.getType() != VectorSpecies.class) {
                    continue;
                }
                f.setAccessible(true);
                VectorSpecies<?> s = (VectorSpecies<?>) f.get(null);
                String here = name + "." + f.getName() + " (" + s + ")";
                VectorShape before = shapes.putIfAbsent(s.elementType(), s.vectorShape());
                if (before != null) {
                    assertEquals(before, s.vectorShape(), here + " against " + where.get(s.elementType()));
                }
                where.putIfAbsent(s.elementType(), here);
                if (s.elementType() == double.class) {
                    assertEquals(DoubleLanes.SPECIES, s, here);
                    doubleSpecies++;
                }
            }
        }
        assertEquals(2, doubleSpecies, "the pull's and the readout's double species");
    }
}
