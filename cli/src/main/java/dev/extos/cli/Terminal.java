package dev.extos.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether standard output is a terminal, so that binary output is never sprayed onto one. */
final class Terminal {
    private Terminal() {
    }

    /** True when standard output goes to a terminal. */
    static boolean stdoutIsTerminal() {
        // Console.isTerminal() needs stdin and stdout both to be terminals, so on Linux ask
        // about stdout alone: `extos asm - --raw bin < prog.s` must still refuse a terminal.
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/1")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            Console console = System.console();
            return console != null && console.isTerminal();
        }
    }
}
