package dev.cnnc.runtime.io;

import java.nio.ByteBuffer;

/** The little-endian NumPy dtypes cnnc reads: float32 as is, the others converted to float32. */
enum NumericType {
    FLOAT32("float32", 4),
    FLOAT64("float64", 8),
    INT8("int8", 1),
    UINT8("uint8", 1),
    BOOL("bool", 1),
    INT16("int16", 2),
    UINT16("uint16", 2),
    INT32("int32", 4),
    UINT32("uint32", 4),
    INT64("int64", 8),
    UINT64("uint64", 8);

    /** Integers up to this magnitude are exact in float32. */
    private static final long EXACT_LIMIT = 1L << 24;

    private final String label;
    private final int size;

    NumericType(String label, int size) {
        this.label = label;
        this.size = size;
    }

    String label() {
        return label;
    }

    int size() {
        return size;
    }

    /** The type of a NumPy {@code descr} such as {@code '<f4'} or {@code '|u1'}, or null when cnnc does not read it. */
    static NumericType of(String descr) {
        return switch (descr) {
            case "<f4" -> FLOAT32;
            case "<f8" -> FLOAT64;
            case "|i1", "<i1", "i1" -> INT8;
            case "|u1", "<u1", "u1" -> UINT8;
            case "|b1", "<b1", "b1", "?" -> BOOL;
            case "<i2" -> INT16;
            case "<u2" -> UINT16;
            case "<i4" -> INT32;
            case "<u4" -> UINT32;
            case "<i8" -> INT64;
            case "<u8" -> UINT64;
            default -> null;
        };
    }

    /** Converts {@code into.length} items starting at byte {@code offset}; true when some integer was rounded. */
    boolean decode(ByteBuffer buffer, int offset, float[] into) {
        boolean inexact = false;
        for (int i = 0; i < into.length; i++) {
            int at = offset + i * size;
            switch (this) {
                case FLOAT32 -> into[i] = buffer.getFloat(at);
                case FLOAT64 -> into[i] = (float) buffer.getDouble(at);
                case INT8 -> into[i] = buffer.get(at);
                case UINT8, BOOL -> into[i] = buffer.get(at) & 0xff;
                case INT16 -> into[i] = buffer.getShort(at);
                case UINT16 -> into[i] = buffer.getShort(at) & 0xffff;
                case INT32, UINT32, INT64, UINT64 -> {
                    long value = switch (this) {
                        case INT32 -> buffer.getInt(at);
                        case UINT32 -> buffer.getInt(at) & 0xffffffffL;
                        default -> buffer.getLong(at);
                    };
                    if (this == UINT64 && value < 0) {
                        into[i] = (float) (value >>> 1) * 2f;
                        inexact = true;
                    } else {
                        into[i] = value;
                        inexact |= Math.abs(value) > EXACT_LIMIT;
                    }
                }
            }
        }
        return inexact;
    }
}
