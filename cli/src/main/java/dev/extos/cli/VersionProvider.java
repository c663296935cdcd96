package dev.extos.cli;

import java.lang.module.ModuleDescriptor;
import picocli.CommandLine.IVersionProvider;

/** The version {@code extos --version} prints: the module's, as the build recorded it. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        ModuleDescriptor module = Main.class.getModule().getDescriptor();
        String version = module == null ? null : module.rawVersion().orElse(null);
        return new String[] {"extos " + (version != null ? version : "(development build)"),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
