package io.somnus.experiment.run;

/**
 * A run that failed on the machine a distributed engine executed it on ({@code --engine spark}: its task failed on
 * every attempt), thrown by that engine's {@link RunExecutor}. Unchecked, as a run's own failures are on the local
 * engine (a refused configuration, a data set not found, a diverged simulation), whichever the remote run met. The
 * message names the run; the cause is the engine's own report (Spark's {@code SparkException}, whose message holds the
 * task's exception and its stack trace), which a sweep's ledger records as the run's error, as the engine gave it: the
 * ledger's row names the run already.
 */
public class RemoteRunException extends RuntimeException {
    private final String run;

    /**
     * @param run    the run's name: its id in a sweep, else its directory's name
     * @param engine the engine's name ({@code spark})
     * @param cause  the engine's report of the failure
     */
    public RemoteRunException(String run, String engine, Throwable cause) {
        super("run " + run + " failed on " + engine + ": " + firstLine(cause), cause);
        this.run = run;
    }

    /** The run's name: its id in a sweep, else the name of the directory it was to fill. */
    public String run() {
        return run;
    }

    private static String firstLine(Throwable cause) {
        String m = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        int eol = m.indexOf('\n');
        return eol < 0 ? m : m.substring(0, eol);
    }
}
