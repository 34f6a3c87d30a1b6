package dev.cnnc.interpreter;

import dev.cnnc.runtime.Parameters;

/** A parameter of a node by name; its arrays are looked up when used, as they are live in {@link Parameters}. */
record ParameterRef(Parameters parameters, String name) {

    float[] values() {
        return parameters.values(name);
    }

    float[] gradient() {
        return parameters.gradient(name);
    }
}
