/** The {@code cnnc} command line: picocli commands, one class per subcommand, thin over the driver. */
package dev.cnnc.cli;
