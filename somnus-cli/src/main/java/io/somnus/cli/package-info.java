/**
 * The {@code somnus} command-line program (picocli): one class per command.
 */
package io.somnus.cli;
