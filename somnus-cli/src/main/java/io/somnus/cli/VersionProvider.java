package io.somnus.cli;

import io.somnus.core.CpuInfo;
import io.somnus.core.SomnusVersion;
import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        // the CPU too: speed is measured per CPU, and bench's figures mean little without it
        return new String[] {"somnus " + SomnusVersion.VERSION + " (Java " + System.getProperty("java.version") + ")",
                "CPU: " + CpuInfo.description() + ", " + Runtime.getRuntime().availableProcessors() + " processors"};
    }
}
