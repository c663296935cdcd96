package dev.extos.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** Reports a command line that does not parse: the problem and where to find help, not the whole manual. */
final class UsageErrors implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println("extos: " + e.getMessage());
        if (!UnmatchedArgumentException.printSuggestions(e, err)) {
            err.println("Try '" + cli.getCommandSpec().qualifiedName() + " --help' for more information.");
        }
        err.flush();
        return cli.getExitCodeExceptionMapper() != null
                ? cli.getExitCodeExceptionMapper().getExitCode(e)
                : cli.getCommandSpec().exitCodeOnInvalidInput();
    }
}
