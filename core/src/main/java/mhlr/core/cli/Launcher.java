package mhlr.core.cli;

import java.io.PrintStream;

/**
 * Runs a command's body and turns its outcome into the exit code of the CLI contract: 0 on success,
 * 2 with the cause for a {@link UsageException}, 1 with a one-line cause for anything else. {@code --help}
 * prints the help and exits 0. Stack traces go to stderr only with {@code MHLR_DEBUG=1}. An out-of-memory error,
 * here or in a Spark task, is a failure like any other (exit 1), and its line says how to give the JVM more heap.
 */
public final class Launcher {

    /** A command's body: parses its own arguments and does the work. */
    @FunctionalInterface
    public interface Body {
        void run(String[] args) throws Exception;
    }

    private Launcher() {
    }

    /** Runs the body and exits the JVM with the contract's code. */
    public static void main(String command, String[] args, Body body) {
        int code = run(command, args, body, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /** Runs the body and returns the exit code instead of exiting (for tests and chained jobs). */
    public static int run(String command, String[] args, Body body, PrintStream out, PrintStream err) {
        try {
            body.run(args);
            return ExitCode.SUCCESS.code();
        } catch (CommandLine.HelpRequested help) {
            out.print(help.getMessage());
            return ExitCode.SUCCESS.code();
        } catch (UsageException usage) {
            err.println(command + ": " + oneLine(usage));
            debug(usage, err);
            return ExitCode.USAGE.code();
        } catch (Throwable failure) {
            UsageException usage = findUsage(failure);
            if (usage != null) {
                err.println(command + ": " + oneLine(usage));
                debug(failure, err);
                return ExitCode.USAGE.code();
            }
            Throwable root = rootCause(failure);
            err.println(command + ": failed: " + (root instanceof OutOfMemoryError
                    ? "out of memory (" + oneLine(root) + "); give the JVM more heap, e.g. MHLR_JAVA_OPTS=-Xmx16g"
                    + " (on a cluster, spark.executor.memory)" : oneLine(root)));
            debug(failure, err);
            return ExitCode.FAILURE.code();
        }
    }

    /** A usage error wrapped by a framework (a Spark task, an executor) still counts as one. */
    private static UsageException findUsage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UsageException usage) {
                return usage;
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? failure : root;
    }

    private static String oneLine(Throwable t) {
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        String first = message.strip().lines().findFirst().orElse("");
        return t instanceof UsageException || t.getMessage() != null && !(t instanceof NullPointerException)
                ? first : t.getClass().getSimpleName() + ": " + first;
    }

    private static void debug(Throwable failure, PrintStream err) {
        if ("1".equals(System.getenv("MHLR_DEBUG"))) {
            failure.printStackTrace(err);
        }
    }
}
