package dev.cnnc.backend.bytecode;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the bytecode size of each method from a class file. HotSpot never JIT-compiles a method
 * over 8,000 bytes ({@code HugeMethodLimit}), so the emitter keeps every method under {@link #LIMIT}.
 */
public final class MethodSizes {

    /** The most bytes of bytecode a generated method may have: 8,000 less a margin. */
    public static final int LIMIT = 7_500;

    private MethodSizes() {}

    /** Method name plus descriptor ({@code forward([F[FI)V}) to the length of its code. */
    public static Map<String, Integer> of(byte[] classFile) {
        ByteBuffer in = ByteBuffer.wrap(classFile);
        in.position(8);
        int constants = in.getShort() & 0xFFFF;
        String[] utf8 = new String[constants];
        for (int i = 1; i < constants; i++) {
            int tag = in.get() & 0xFF;
            switch (tag) {
                case 1 -> {
                    byte[] bytes = new byte[in.getShort() & 0xFFFF];
                    in.get(bytes);
                    utf8[i] = new String(bytes, StandardCharsets.UTF_8);
                }
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.position(in.position() + 4);
                case 5, 6 -> {
                    in.position(in.position() + 8);
                    i++; // Longs and doubles take two constant-pool slots.
                }
                case 7, 8, 16, 19, 20 -> in.position(in.position() + 2);
                case 15 -> in.position(in.position() + 3);
                default -> throw new IllegalArgumentException("unknown constant-pool tag " + tag);
            }
        }
        in.position(in.position() + 6);
        int interfaces = in.getShort() & 0xFFFF;
        in.position(in.position() + 2 * interfaces);
        int fields = in.getShort() & 0xFFFF;
        for (int i = 0; i < fields; i++) {
            in.position(in.position() + 6);
            skipAttributes(in);
        }
        Map<String, Integer> sizes = new LinkedHashMap<>();
        int methods = in.getShort() & 0xFFFF;
        for (int i = 0; i < methods; i++) {
            in.getShort();
            String name = utf8[in.getShort() & 0xFFFF] + utf8[in.getShort() & 0xFFFF];
            int attributes = in.getShort() & 0xFFFF;
            for (int a = 0; a < attributes; a++) {
                String attribute = utf8[in.getShort() & 0xFFFF];
                int length = in.getInt();
                int end = in.position() + length;
                if (attribute.equals("Code")) {
                    in.position(in.position() + 4);
                    sizes.put(name, in.getInt());
                }
                in.position(end);
            }
        }
        return sizes;
    }

    private static void skipAttributes(ByteBuffer in) {
        int attributes = in.getShort() & 0xFFFF;
        for (int a = 0; a < attributes; a++) {
            in.getShort();
            int length = in.getInt();
            in.position(in.position() + length);
        }
    }
}
