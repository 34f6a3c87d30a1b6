package dev.cnnc.interpreter;

import java.util.SplittableRandom;

/** What a kernel needs to know about the pass it runs in: the batch size, the mode and the randomness of training. */
record Pass(int batch, boolean training, SplittableRandom random) {}
