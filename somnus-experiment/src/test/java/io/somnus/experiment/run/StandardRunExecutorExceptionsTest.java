package io.somnus.experiment.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.model.RunProgress;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The library's run calls declare the one checked exception they throw, IOException (a refused configuration, a
 * missing dataset and a damaged snapshot are unchecked), so a caller need not catch or declare {@code Exception}.
 */
class StandardRunExecutorExceptionsTest {
    @Test
    void runExecuteResumeAndResumptionDeclareIoExceptionOnly() throws NoSuchMethodException {
        Class<StandardRunExecutor> c = StandardRunExecutor.class;
        for (Method m : List.of(c.getMethod("run", ObjectNode.class),
                c.getMethod("run", ObjectNode.class, Path.class, RunProgress.class),
                c.getMethod("execute", ObjectNode.class, Path.class, RunProgress.class),
                c.getMethod("resume", Path.class, RunProgress.class),
                c.getMethod("resume", Path.class, RunProgress.class, Consumer.class),
                c.getMethod("resume", Path.class, RunProgress.class, boolean.class),
                c.getMethod("resume", StandardRunExecutor.Resumption.class, RunProgress.class),
                c.getMethod("resumption", Path.class, boolean.class))) {
            assertArrayEquals(new Class<?>[] {IOException.class}, m.getExceptionTypes(), m.toString());
        }
    }

    /**
     * The executor interface a sweep runs (and a library user implements or calls) declares what a run can meet, an
     * I/O error and an interruption while it waits (Spark's executor waits on its job), not {@code Exception}.
     */
    @Test
    void theExecutorInterfaceDeclaresIoAndInterruptedExceptionOnly() throws NoSuchMethodException {
        Class<RunExecutor> c = RunExecutor.class;
        for (Method m : List.of(c.getMethod("execute", ObjectNode.class, Path.class, RunProgress.class),
                c.getMethod("resume", Path.class, RunProgress.class),
                c.getMethod("resume", Path.class, RunProgress.class, Consumer.class))) {
            assertArrayEquals(new Class<?>[] {IOException.class, InterruptedException.class}, m.getExceptionTypes(),
                    m.toString());
        }
    }
}
