package dev.cnnc.runtime.compiled;

/**
 * Whether this JVM runs Vector API code of a given width: the {@code jdk.incubator.vector} module
 * is resolved ({@code --add-modules jdk.incubator.vector}) and its preferred vectors are at least
 * that wide. Generated factories ask before they pick the vector class over the scalar one.
 */
public final class VectorSupport {

    private static final int PREFERRED_BITS = preferredBits();

    private VectorSupport() {}

    public static boolean available(int lanes) {
        return PREFERRED_BITS >= lanes * Float.SIZE;
    }

    /** The width of the preferred float vector, or 0 without the module. */
    public static int preferredBits() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return 0;
        }
        try {
            Class<?> vectors = Class.forName("jdk.incubator.vector.FloatVector");
            Object species = vectors.getField("SPECIES_PREFERRED").get(null);
            return (Integer) Class.forName("jdk.incubator.vector.VectorSpecies").getMethod("vectorBitSize")
                    .invoke(species);
        } catch (ReflectiveOperationException | LinkageError e) {
            return 0;
        }
    }
}
