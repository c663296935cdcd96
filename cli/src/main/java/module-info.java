/** The {@code extos} command: runs, assembles and disassembles eBPF programs, and demonstrates a filtered read. */
module dev.extos.cli {
    requires dev.extos.vm;
    requires dev.extos.io;
    requires dev.extos.linux;
    requires jdk.management;
    requires dev.extos.verifier;
    requires info.picocli;

    // picocli builds the command model by reflection over the annotated command classes.
    opens dev.extos.cli to info.picocli;
}
