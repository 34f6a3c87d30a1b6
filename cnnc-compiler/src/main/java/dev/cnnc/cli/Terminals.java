package dev.cnnc.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether the standard streams are a terminal someone watches, so progress may redraw a line. */
final class Terminals {

    private Terminals() {}

    static boolean interactive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        // Since JDK 22 System.console() exists even when redirected; isTerminal() tells, and Java 21 lacks it.
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
