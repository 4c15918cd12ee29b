package io.somnus.cli;

import io.somnus.core.SomnusVersion;
import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"somnus " + SomnusVersion.VERSION + " (Java " + System.getProperty("java.version") + ")"};
    }
}
