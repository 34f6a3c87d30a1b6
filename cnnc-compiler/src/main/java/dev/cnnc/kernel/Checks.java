package dev.cnnc.kernel;

/** Type checks shared by the IR's validating constructors. */
final class Checks {

    private Checks() {}

    static void require(Expr value, Type type, String what) {
        if (value.type() != type) {
            throw new IllegalArgumentException(what + " must be " + type + ", not " + value.type());
        }
    }
}
