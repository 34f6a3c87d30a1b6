package dev.cnnc.runtime.io;

import java.util.ArrayList;
import java.util.List;

/**
 * The header of a {@code .npy} file: a Python dict literal such as
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }}.
 */
record NpyHeader(String descr, boolean fortranOrder, int[] shape) {

    static NpyHeader parse(String text, String name) throws NumpyFormatException {
        String descr = stringValue(text, "descr", name);
        String order = rawValue(text, "fortran_order", name);
        boolean fortran;
        if (order.startsWith("True")) {
            fortran = true;
        } else if (order.startsWith("False")) {
            fortran = false;
        } else {
            throw malformed(name, "fortran_order is neither True nor False");
        }
        String shapeText = rawValue(text, "shape", name);
        if (!shapeText.startsWith("(")) {
            throw malformed(name, "shape is not a tuple");
        }
        int close = shapeText.indexOf(')');
        if (close < 0) {
            throw malformed(name, "shape tuple is not closed");
        }
        List<Integer> dims = new ArrayList<>();
        for (String part : shapeText.substring(1, close).split(",")) {
            String trimmed = part.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                long size = Long.parseLong(trimmed.endsWith("L") ? trimmed.substring(0, trimmed.length() - 1) : trimmed);
                if (size < 0 || size > Integer.MAX_VALUE) {
                    throw malformed(name, "dimension " + trimmed + " is out of range");
                }
                dims.add((int) size);
            } catch (NumberFormatException e) {
                throw malformed(name, "shape entry '" + trimmed + "' is not a number");
            }
        }
        return new NpyHeader(descr, fortran, dims.stream().mapToInt(Integer::intValue).toArray());
    }

    private static String stringValue(String text, String key, String name) throws NumpyFormatException {
        String raw = rawValue(text, key, name);
        if (raw.isEmpty() || (raw.charAt(0) != '\'' && raw.charAt(0) != '"')) {
            // A structured dtype is a list of fields, never a plain string.
            throw new NumpyFormatException(name + ": dtype is a structured or object type; cnnc reads float32 ('<f4')");
        }
        int end = raw.indexOf(raw.charAt(0), 1);
        if (end < 0) {
            throw malformed(name, key + " is not a closed string");
        }
        return raw.substring(1, end);
    }

    private static String rawValue(String text, String key, String name) throws NumpyFormatException {
        int at = text.indexOf("'" + key + "'");
        if (at < 0) {
            at = text.indexOf("\"" + key + "\"");
        }
        if (at < 0) {
            throw malformed(name, "the header has no '" + key + "'");
        }
        int colon = text.indexOf(':', at + key.length() + 2);
        if (colon < 0) {
            throw malformed(name, "'" + key + "' has no value");
        }
        return text.substring(colon + 1).stripLeading();
    }

    private static NumpyFormatException malformed(String name, String detail) {
        return new NumpyFormatException(name + ": malformed .npy header: " + detail);
    }
}
