package dev.extos.cli;

import dev.extos.isa.ExtosException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failed command into a one-line message on stderr and exit status 1. Only a bug in
 * ExtOS itself (any other exception) shows a stack trace, because then the trace is what a
 * maintainer needs.
 */
final class ExecutionErrors implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
        PrintWriter err = cli.getErr();
        switch (e) {
            case ExtosException x -> err.println("extos: " + x.getMessage());
            case UncheckedIOException x -> err.println("extos: " + Inputs.describe(x.getCause()));
            case IOException x -> err.println("extos: " + Inputs.describe(x));
            default -> {
                err.println("extos: internal error (a bug in ExtOS; please report it with the trace below)");
                e.printStackTrace(err);
            }
        }
        err.flush();
        return CommandLine.ExitCode.SOFTWARE;
    }
}
