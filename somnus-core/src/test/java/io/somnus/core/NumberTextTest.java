package io.somnus.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NumberTextTest {
    @Test
    void writesHandPickedValuesAsResearchersDo() {
        assertEquals("0.0005", NumberText.of(5e-4));
        assertEquals("0.002", NumberText.of(0.002));
        assertEquals("0.0001", NumberText.of(1e-4)); // the plain range's lower end
        assertEquals("9.9e-5", NumberText.of(9.9e-5)); // just below it
        assertEquals("25", NumberText.of(25.0)); // an integer-valued number without ".0", as the CSV files write it
        assertEquals("1e-10", NumberText.of(1e-10));
        assertEquals("1.5e-10", NumberText.of(1.5e-10));
        assertEquals("-0.3", NumberText.of(-0.3));
        assertEquals("1234567", NumberText.of(1234567.0));
        assertEquals("9999999.5", NumberText.of(9999999.5));
        assertEquals("1e7", NumberText.of(1e7)); // the plain range's upper end, open
        assertEquals("-2.5e12", NumberText.of(-2.5e12));
        assertEquals("2e23", NumberText.of(2e23)); // Java 17's Double.toString: 1.9999999999999998E23
        assertEquals("0.1", NumberText.of(0.1));
        assertEquals("0", NumberText.of(0.0));
        assertEquals("-0", NumberText.of(-0.0));
        assertEquals("NaN", NumberText.of(Double.NaN));
        assertEquals("Infinity", NumberText.of(Double.POSITIVE_INFINITY));
        assertEquals("-Infinity", NumberText.of(Double.NEGATIVE_INFINITY));
        assertEquals("1.7976931348623157e308", NumberText.of(Double.MAX_VALUE));
        // anything but a floating-point number as Java writes it
        assertEquals("1000", NumberText.of((Object) 1000L));
        assertEquals("0.0005", NumberText.of((Object) 5e-4));
        assertEquals("null", NumberText.of((Object) null));
    }

    @Test
    void readsBackAsTheSameDoubleInTheFewestDigits() {
        SplittableRandom random = new SplittableRandom(20261206);
        for (int i = 0; i < 200_000; i++) {
            // every bit pattern, then values of the magnitudes configurations hold
            double x = i % 2 == 0 ? Double.longBitsToDouble(random.nextLong())
                    : (random.nextBoolean() ? -1 : 1) * Math.pow(10, random.nextDouble(-12, 12));
            if (Double.isNaN(x)) {
                continue;
            }
            String text = NumberText.of(x);
            assertEquals(0, Double.compare(x, Double.parseDouble(text)), text + " for " + x);
            double m = Math.abs(x);
            boolean plain = m == 0 || (m >= 1e-4 && m < 1e7);
            assertEquals(plain, !text.contains("e"), text);
            assertTrue(text.matches(plain ? "-?\\d+(\\.\\d*[1-9])?" : "-?[1-9](\\.\\d*[1-9])?e-?\\d+"), text);
            // one digit fewer, correctly rounded from x's exact value, no longer reads back as x
            BigDecimal digits = new BigDecimal(text.replace("e", "E")).stripTrailingZeros();
            if (digits.precision() > 2) {
                BigDecimal shorter = new BigDecimal(x).round(new MathContext(digits.precision() - 1,
                        RoundingMode.HALF_EVEN));
                assertNotEquals(x, shorter.doubleValue(), text + " is not the shortest: " + shorter);
            }
        }
    }
}
