package dev.cnnc.cli;

/** How {@code cnnc train} shows progress within an epoch. */
enum ProgressStyle {
    /** A bar on a terminal, plain lines otherwise. */
    AUTO,
    /** A progress bar redrawn in place. */
    BAR,
    /** A plain line at every tenth of an epoch, for logs and pipes. */
    LINES,
    /** Only the line at the end of each epoch. */
    NONE;

    ProgressStyle resolve() {
        return this == AUTO ? (Terminals.interactive() ? BAR : LINES) : this;
    }
}
