package io.somnus.experiment.stdp;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.io.Mappers;
import java.io.File;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A researcher's own class named in a configuration ({@code rule: class}, {@code model: class}): loads
 * {@code class_name} from the class path (the launcher adds {@code SOMNUS_CLASSPATH} to it), checks that it is a
 * non-abstract subtype of its {@link Kind}'s base type with exactly one public constructor of the kind's shape, binds
 * the section's {@code params} to that constructor's parameters' type as every configuration section is bound (a
 * record, each component under its name with an underscore before each capital, each one given and no other; or
 * {@code Map<String, Object>} for the section as written) and calls it. Every mistake is a {@link ConfigException}
 * naming the field; the constructor refuses a value by throwing {@link IllegalArgumentException}, whose message is
 * shown with the field. Used by {@link ClassRules} (learning rules) and {@link ClassNeurons} (neuron models).
 */
final class UserClasses {
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

    /**
     * What a configuration may name: classes of {@code base}, built by their one public constructor
     * {@code (before..., PARAMS params, after...)}.
     *
     * @param base    the type the class must implement or extend
     * @param noun    what such a class is, in a message ("learning rule")
     * @param shortNoun the short noun ("rule": "a rule class needs ...", "not a parameter of the rule")
     * @param section the heading of docs/configuration.md that describes the contract
     * @param before  the constructor's parameter types before the params
     * @param after   those after the params
     * @param shape   the constructor in words, e.g. {@code (PARAMS params, double dtMs)}
     */
    record Kind(Class<?> base, String noun, String shortNoun, String section, List<Class<?>> before,
                List<Class<?>> after, String shape) {
        Kind {
            before = List.copyOf(before);
            after = List.copyOf(after);
        }
    }

    private UserClasses() { }

    /**
     * The instance of {@code className} built from {@code params} and the other constructor arguments.
     *
     * @param where  the section as the user addresses it, e.g. {@code projections.input_e.plasticity}: the messages
     *               name {@code where.class_name} and {@code where.params}
     * @param before the arguments before the params, as {@code kind.before()} says
     * @param after  those after them
     * @throws ConfigException naming the field: the class not found (and where it was looked for), not of the kind,
     *                         abstract, without the constructor, a parameter unknown, missing or of the wrong type, or
     *                         one the class refuses
     */
    static Object build(Kind kind, String className, Map<String, Object> params, String where, List<Object> before,
                        List<Object> after) {
        Class<?> type = load(kind, className, where + ".class_name");
        Constructor<?> ctor = constructor(kind, type, where + ".class_name");
        int at = kind.before().size();
        checkNames(kind, params, ctor.getParameterTypes()[at], where + ".params", type);
        Object bound;
        try {
            JavaType pt = PARAMS.getTypeFactory().constructType(ctor.getGenericParameterTypes()[at]);
            bound = PARAMS.convertValue(params, pt);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(refusedParam(e, where + ".params", ctor.getParameterTypes()[at]));
        }
        List<Object> args = new ArrayList<>(before);
        args.add(bound);
        args.addAll(after);
        try {
            return ctor.newInstance(args.toArray());
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            String said = cause instanceof IllegalArgumentException ? cause.getMessage()
                    : cause.getClass().getName() + ": " + cause.getMessage();
            throw new ConfigException(where + ".params: " + type.getName() + " refused its parameters: " + said);
        } catch (ReflectiveOperationException e) {
            throw new ConfigException(where + ".class_name: cannot call the constructor of " + type.getName() + ": " + e);
        }
    }

    /**
     * A parameter record's component as {@code params} names it: {@code tauXMs} is {@code tau_x_ms}, {@code a2Plus}
     * {@code a2_plus}.
     */
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

    /**
     * Whether {@code type} overrides {@code base}'s method {@code name} (e.g. writeState: whether it keeps a resume
     * snapshot of its own).
     */
    static boolean overrides(Class<?> type, Class<?> base, String name, Class<?>... parameters) {
        try {
            return type.getMethod(name, parameters).getDeclaringClass() != base;
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e); // a public method of the base type
        }
    }

    /**
     * The class {@code name}, once checked to be of {@code kind}.
     *
     * @param field the field that names it, as the user addresses it
     */
    static Class<?> load(Kind kind, String name, String field) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Class<?> type;
        try {
            type = Class.forName(name, false, loader != null ? loader : UserClasses.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ConfigException(field + " = " + name + ": "
                    + (e instanceof ClassNotFoundException ? "no such class on the class path" : "cannot load it (" + e + ")")
                    + "; looked in " + lookedIn() + " (a class name is the binary one, e.g. org.example.MyRule, "
                    + "org.example.Outer$MyRule for a nested class)");
        }
        if (!kind.base().isAssignableFrom(type)) {
            throw new ConfigException(field + " = " + name + ": not a " + kind.noun() + "; the class must "
                    + (kind.base().isInterface() ? "implement " : "extend ") + kind.base().getName()
                    + " (docs/configuration.md, \"" + kind.section() + "\")");
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
                + "directory that holds the class" : "SOMNUS_CLASSPATH, " + entries(user) + ", and Somnus's own jars";
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

    private static Constructor<?> constructor(Kind kind, Class<?> type, String field) {
        List<Constructor<?>> fit = new ArrayList<>();
        for (Constructor<?> c : type.getConstructors()) {
            if (fits(kind, c.getParameterTypes())) {
                fit.add(c);
            }
        }
        if (fit.size() != 1 || Modifier.isAbstract(type.getModifiers())) {
            String has = Arrays.stream(type.getConstructors()).map(UserClasses::signature)
                    .collect(Collectors.joining(", "));
            throw new ConfigException(field + " = " + type.getName() + ": "
                    + (Modifier.isAbstract(type.getModifiers()) ? "abstract, so it cannot be built; "
                    : fit.isEmpty() ? "no suitable constructor; " : "more than one constructor fits; ")
                    + "a " + kind.shortNoun() + " class needs exactly one public constructor " + kind.shape() + ", PARAMS "
                    + "its parameters' record or Map<String, Object>; its public constructors: "
                    + (has.isEmpty() ? "none" : has));
        }
        return fit.get(0);
    }

    /** Whether {@code p} is {@code (before..., anything, after...)}. */
    private static boolean fits(Kind kind, Class<?>[] p) {
        int n = kind.before().size();
        if (p.length != n + 1 + kind.after().size()) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (p[k] != kind.before().get(k)) {
                return false;
            }
        }
        for (int k = 0; k < kind.after().size(); k++) {
            if (p[n + 1 + k] != kind.after().get(k)) {
                return false;
            }
        }
        return true;
    }

    private static String signature(Constructor<?> c) {
        return Arrays.stream(c.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", ", "(", ")"));
    }

    /** Refuses a parameter the record {@code into} does not have, then one it has that is not given. */
    private static void checkNames(Kind kind, Map<String, Object> given, Class<?> into, String params, Class<?> type) {
        if (!into.isRecord()) {
            return; // a Map takes any names
        }
        List<String> names = Arrays.stream(into.getRecordComponents()).map(rc -> fieldName(rc.getName())).toList();
        String theirs = "; the parameters of " + type.getName() + " (" + into.getName() + "): " + String.join(", ", names);
        for (String key : given.keySet()) {
            if (!names.contains(key)) {
                throw new ConfigException(params + "." + key + ": not a parameter of the " + kind.shortNoun() + theirs);
            }
        }
        for (String name : names) {
            if (!given.containsKey(name)) {
                throw new ConfigException(params + "." + name + ": missing; give every parameter" + theirs);
            }
        }
    }

    /** The params field a binding error is about, and what went wrong, in the words of every configuration error. */
    private static String refusedParam(IllegalArgumentException e, String params, Class<?> into) {
        String path = params;
        String said = e.getMessage();
        if (e.getCause() instanceof JsonMappingException m) {
            for (JsonMappingException.Reference r : m.getPath()) {
                path += r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]";
            }
            said = m.getOriginalMessage();
        }
        return path + ": cannot bind the parameters to " + into.getName() + ": " + said;
    }
}
