# What scripts/kernels-ab and scripts/code-ab share (sourced, not run): the checks of their common arguments, the
# pairs of runs each JVM takes in turns (a Java class written for the script's harness), and the JVMs' loop with its
# summary. Each script parses its own options and defines refuse MESSAGE (prints it, exits 2).

# ab_check USAGE: checks rev, pairs, warmup, jvms and cpu as parsed; sets pin (taskset's prefix for --cpu, or empty),
# jvms as a number, and commit (REV's full hash in $root).
ab_check() {
  [[ -n "$rev" ]] || refuse "no REV ($1)"
  [[ $jvms =~ ^[0-9]+$ ]] && ((10#$jvms >= 2 && 10#$jvms <= 100 && 10#$jvms % 2 == 0)) \
    || refuse "--jvms must be an even number from 2 to 100, got '$jvms'"
  jvms=$((10#$jvms))
  [[ $pairs =~ ^[0-9]+$ ]] && ((10#$pairs >= 1 && 10#$pairs <= 100000)) \
    || refuse "--pairs must be a whole number from 1 to 100000, got '$pairs'"
  [[ $warmup =~ ^[0-9]+$ ]] && ((10#$warmup <= 10000)) \
    || refuse "--warmup must be a whole number from 0 to 10000, got '$warmup'"
  pin=()
  if [[ -n "$cpu" ]]; then
    [[ $cpu =~ ^[0-9]+$ ]] || refuse "--cpu must be a CPU number, got '$cpu'"
    taskset -c "$cpu" true 2>/dev/null || refuse "cannot run on CPU $cpu (taskset -c $cpu failed)"
    pin=(taskset -c "$cpu")
  fi
  commit=$(git -C "$root" rev-parse --verify --quiet "$rev^{commit}") || refuse "REV '$rev' is not a commit of $root"
}

# ab_write_alternation DIR: writes DIR/io/somnus/ab/Alternation.java, the pairs of runs, for the harness to compile.
ab_write_alternation() {
  mkdir -p "$1/io/somnus/ab"
  cat >"$1/io/somnus/ab/Alternation.java" <<'EOF'
package io.somnus.ab;

import java.util.Arrays;
import java.util.Locale;

/** One JVM's runs of two versions taking turns: PAIRS pairs (ABBA) after WARMUP runs of each, the first made first. */
public final class Alternation {
    private Alternation() {
    }

    /** One run of the work on one version (a warm-up run or a timed one): its ms per image. */
    public interface Side {
        double msPerImage(boolean warmup) throws Exception;
    }

    /** Prints the medians of A and B and of B/A over the pairs, in {@code unit} (ms per image, CPU or wall). */
    public static void run(int pairs, int warmup, boolean aFirst, Side a, Side b, String unit) throws Exception {
        Side first = aFirst ? a : b;
        Side second = aFirst ? b : a;
        for (int i = 0; i < 2 * warmup; i++) {
            (i % 2 == 0 ? first : second).msPerImage(true);
        }
        double[] msA = new double[pairs];
        double[] msB = new double[pairs];
        double[] ratio = new double[pairs];
        for (int p = 0; p < pairs; p++) {
            for (int k = 0; k < 2; k++) {
                boolean runA = (k == 0) == (p % 2 == 0); // A B, B A, A B, ...
                if (runA) {
                    msA[p] = a.msPerImage(false);
                } else {
                    msB[p] = b.msPerImage(false);
                }
            }
            ratio[p] = msB[p] / msA[p];
        }
        long bFaster = Arrays.stream(ratio).filter(r -> r < 1).count();
        Arrays.sort(msA);
        Arrays.sort(msB);
        Arrays.sort(ratio);
        System.out.printf(Locale.ROOT, "A median %.4f, B median %.4f %s; B/A per pair median %.4f (p25 %.4f, p75 %.4f), "
                + "B faster in %d of %d%n", msA[pairs / 2], msB[pairs / 2], unit, ratio[pairs / 2], ratio[pairs / 4],
                ratio[3 * pairs / 4], bFaster, pairs);
    }
}
EOF
}

# ab_jvms NAME WHAT COMMAND...: runs COMMAND A, then COMMAND B, … in $jvms JVMs (prefixed by $pin; FIRST, the version
# made first, as the last argument; stderr to $work/err), printing each JVM's line ("JVM with A's WHAT made first: …"),
# then the geometric mean and the range of their medians of B/A.
ab_jvms() {
  local name=$1 what=$2 j first line
  shift 2
  local ratios=()
  for ((j = 0; j < jvms; j++)); do
    first=A
    ((j % 2 == 0)) || first=B
    line=$("${pin[@]}" "$@" "$first" 2>"$work/err") \
      || { cat "$work/err" >&2; echo "$name: the JVM with $first first failed" >&2; exit 1; }
    echo "JVM with $first's $what made first: $line"
    ratios+=("$(sed -E 's/.*B\/A per pair median ([0-9.]+).*/\1/' <<<"$line")")
  done
  printf '%s\n' "${ratios[@]}" | awk '{ s += log($1); n++; if (n == 1 || $1 < lo) lo = $1; if (n == 1 || $1 > hi) hi = $1 }
    END { printf "B/A, the %d JVMs together (geometric mean of their medians): %.4f (the JVMs %.4f–%.4f)\n", n,
          exp(s / n), lo, hi }'
}
