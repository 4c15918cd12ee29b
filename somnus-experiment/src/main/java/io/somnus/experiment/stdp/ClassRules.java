package io.somnus.experiment.stdp;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.somnus.experiment.config.ClassRuleConfig;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.ProjectionConfig;
import io.somnus.experiment.config.StdpRunConfig;
import io.somnus.experiment.io.Mappers;
import io.somnus.synapse.Plasticity;
import io.somnus.synapse.Projection;
import java.io.DataOutput;
import java.io.File;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds a researcher's own learning rule from its configuration ({@code rule: class}): loads {@code class_name} from
 * the class path (the launcher adds {@code SOMNUS_CLASSPATH} to it) and calls the class's one public constructor of
 * two parameters, {@code (P params, double dtMs)}: the section's {@code params} bound to {@code P} as every
 * configuration section is bound (a record of the rule's parameters, each component under its name with an
 * underscore before each capital, each one given and no other; or {@code Map<String, Object>} for the section as
 * written), and the run's {@code simulation.dt_ms}.
 * The constructor refuses a value by throwing {@link IllegalArgumentException}, whose message is shown with the field.
 * The rule gets no random generator: a rule that draws would make a seed give other numbers.
 */
public final class ClassRules {
    /** The system property the launcher sets to {@code SOMNUS_CLASSPATH}, so that a missing class names its entries. */
    static final String USER_CLASS_PATH = "somnus.user.classpath";
    /**
     * Binds {@code params} as a section is bound, but names each component with an underscore before every capital
     * ({@code tauXMs}: {@code tau_x_ms}, where Jackson's snake case writes {@code tau_xms}), and refuses a component
     * left out (rather than taking 0 for it).
     */
    private static final JsonMapper PARAMS = Mappers.JSON.rebuild()
            .propertyNamingStrategy(new PropertyNamingStrategies.NamingBase() {
                @Override
                public String translate(String name) {
                    return fieldName(name);
                }
            })
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES).build();

    private ClassRules() { }

    /**
     * The rule {@code c} names, for a network stepping {@code dtMs}.
     *
     * @param where the plasticity section as the user addresses it, e.g. {@code projections.input_e.plasticity}
     * @throws ConfigException naming the field: the class not found (and where it was looked for), not a
     *                         {@link Plasticity}, without the constructor, or a parameter it refuses
     */
    public static Plasticity build(ClassRuleConfig c, double dtMs, String where) {
        Class<?> type = load(c.className(), where + ".class_name");
        Constructor<?> ctor = constructor(type, where + ".class_name");
        checkNames(c.params(), ctor.getParameterTypes()[0], where + ".params", type);
        Object params;
        try {
            JavaType pt = PARAMS.getTypeFactory().constructType(ctor.getGenericParameterTypes()[0]);
            params = PARAMS.convertValue(c.params(), pt);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(refusedParam(e, where + ".params", ctor));
        }
        try {
            return (Plasticity) ctor.newInstance(params, dtMs);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            String said = cause instanceof IllegalArgumentException ? cause.getMessage()
                    : cause.getClass().getName() + ": " + cause.getMessage();
            throw new ConfigException(where + ".params: " + type.getName() + " refused its parameters: " + said);
        } catch (ReflectiveOperationException e) {
            throw new ConfigException(where + ".class_name: cannot call the constructor of " + type.getName() + ": " + e);
        }
    }

    /** A parameter record's component as {@code params} names it: {@code tauXMs} is {@code tau_x_ms}, {@code a2Plus} {@code a2_plus}. */
    static String fieldName(String component) {
        StringBuilder out = new StringBuilder(component.length() + 4);
        for (char ch : component.toCharArray()) {
            if (Character.isUpperCase(ch)) {
                out.append('_').append(Character.toLowerCase(ch));
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }

    /** Whether rules of {@code type} write and read their state for a resume snapshot (override {@link Plasticity#writeState}). */
    static boolean keepsResumeSnapshot(Class<?> type) {
        try {
            return type.getMethod("writeState", Projection.class, DataOutput.class).getDeclaringClass() != Plasticity.class;
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e); // an interface method every rule has
        }
    }

    /**
     * Refuses, before a resume looks for its snapshot, a run whose rule of one's own keeps none (so that the run took
     * none): by the projection and the class, as {@link Plasticity#writeState} refuses.
     *
     * @throws ConfigException naming the projection's {@code class_name} and the class
     */
    public static void requireResumable(StdpRunConfig cfg) {
        for (ProjectionConfig pc : cfg.projections()) {
            if (pc.plasticity() instanceof ClassRuleConfig own) {
                String field = "projections." + pc.name() + ".plasticity.class_name";
                Class<?> type = load(own.className(), field);
                if (!keepsResumeSnapshot(type)) {
                    throw new ConfigException("this run cannot go on from a resume snapshot: the rule of projection "
                            + pc.name() + ", " + type.getName() + " (" + field + "), " + WITHOUT_SNAPSHOT
                            + ", so the run took none; run it again");
                }
            }
        }
    }

    /**
     * The classes of the rules of one's own that {@code cfg} names, by class name, in the order of their projections
     * (each once): what a run loads, for its provenance.
     *
     * @throws ConfigException naming the projection's {@code class_name}, for a class that cannot be loaded
     */
    public static Map<String, Class<?>> ruleClasses(StdpRunConfig cfg) {
        Map<String, Class<?>> out = new LinkedHashMap<>();
        for (ProjectionConfig pc : cfg.projections()) {
            if (pc.plasticity() instanceof ClassRuleConfig own && !out.containsKey(own.className())) {
                out.put(own.className(), load(own.className(), "projections." + pc.name() + ".plasticity.class_name"));
            }
        }
        return out;
    }

    /** Why a rule class keeps no resume snapshot, in the words of {@link Plasticity#writeState}'s refusal. */
    static final String WITHOUT_SNAPSHOT = "keeps no resume snapshot (it does not implement Plasticity.writeState and "
            + "readState)";

    private static Class<?> load(String name, String field) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Class<?> type;
        try {
            type = Class.forName(name, false, loader != null ? loader : ClassRules.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ConfigException(field + " = " + name + ": "
                    + (e instanceof ClassNotFoundException ? "no such class on the class path" : "cannot load it (" + e + ")")
                    + "; looked in " + lookedIn() + " (a class name is the binary one, e.g. org.example.MyRule, "
                    + "org.example.Outer$MyRule for a nested class)");
        }
        if (!Plasticity.class.isAssignableFrom(type)) {
            throw new ConfigException(field + " = " + name + ": not a learning rule; the class must implement "
                    + Plasticity.class.getName() + " (docs/configuration.md, \"Your own rule\")");
        }
        return type;
    }

    /** Where a class was looked for: the entries of SOMNUS_CLASSPATH under the launcher, else the JVM's class path. */
    static String lookedIn() {
        String user = System.getProperty(USER_CLASS_PATH);
        if (user == null) {
            return "the class path, " + entries(System.getProperty("java.class.path", ""));
        }
        return user.isBlank() ? "Somnus's own jars only: SOMNUS_CLASSPATH is not set; set it to the jar or classes "
                + "directory that holds the rule" : "SOMNUS_CLASSPATH, " + entries(user) + ", and Somnus's own jars";
    }

    private static String entries(String path) {
        List<String> out = new ArrayList<>();
        for (String e : path.split(File.pathSeparator)) {
            if (!e.isEmpty()) {
                boolean missing = !e.endsWith("*") && !new File(e).exists();
                out.add(e + (missing ? " (no such file or directory)" : ""));
            }
        }
        return out.isEmpty() ? "[] (empty)" : out.toString();
    }

    private static Constructor<?> constructor(Class<?> type, String field) {
        List<Constructor<?>> fit = new ArrayList<>();
        for (Constructor<?> c : type.getConstructors()) {
            Class<?>[] p = c.getParameterTypes();
            if (p.length == 2 && p[1] == double.class) {
                fit.add(c);
            }
        }
        if (fit.size() != 1 || Modifier.isAbstract(type.getModifiers())) {
            String has = Arrays.stream(type.getConstructors()).map(ClassRules::signature)
                    .collect(Collectors.joining(", "));
            throw new ConfigException(field + " = " + type.getName() + ": "
                    + (Modifier.isAbstract(type.getModifiers()) ? "abstract, so it cannot be built; "
                    : fit.isEmpty() ? "no suitable constructor; " : "more than one constructor fits; ")
                    + "a rule class needs exactly one public constructor (PARAMS params, double dtMs), PARAMS its "
                    + "parameters' record or Map<String, Object>; its public constructors: "
                    + (has.isEmpty() ? "none" : has));
        }
        return fit.get(0);
    }

    private static String signature(Constructor<?> c) {
        return Arrays.stream(c.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", ", "(", ")"));
    }

    /** Refuses a parameter the record {@code into} does not have, then one it has that is not given. */
    private static void checkNames(Map<String, Object> given, Class<?> into, String params, Class<?> rule) {
        if (!into.isRecord()) {
            return; // a Map takes any names
        }
        List<String> names = Arrays.stream(into.getRecordComponents()).map(rc -> fieldName(rc.getName())).toList();
        String theirs = "; the parameters of " + rule.getName() + " (" + into.getName() + "): " + String.join(", ", names);
        for (String key : given.keySet()) {
            if (!names.contains(key)) {
                throw new ConfigException(params + "." + key + ": not a parameter of the rule" + theirs);
            }
        }
        for (String name : names) {
            if (!given.containsKey(name)) {
                throw new ConfigException(params + "." + name + ": missing; give every parameter" + theirs);
            }
        }
    }

    /** The params field a binding error is about, and what went wrong, in the words of every configuration error. */
    private static String refusedParam(IllegalArgumentException e, String params, Constructor<?> ctor) {
        String into = ctor.getParameterTypes()[0].getName();
        String path = params;
        String said = e.getMessage();
        if (e.getCause() instanceof JsonMappingException m) {
            for (JsonMappingException.Reference r : m.getPath()) {
                path += r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]";
            }
            said = m.getOriginalMessage();
        }
        return path + ": cannot bind the parameters to " + into + ": " + said;
    }
}
