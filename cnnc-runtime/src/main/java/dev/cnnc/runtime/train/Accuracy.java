package dev.cnnc.runtime.train;

import dev.cnnc.runtime.data.Batch;

/** Counts the samples whose largest output is their label (ties go to the first). */
final class Accuracy {

    private Accuracy() {}

    static int correct(float[] output, Batch batch) {
        int n = batch.size();
        int classes = output.length / n;
        int correct = 0;
        for (int s = 0; s < n; s++) {
            int best = 0;
            for (int k = 1; k < classes; k++) {
                if (output[s * classes + k] > output[s * classes + best]) {
                    best = k;
                }
            }
            if (best == batch.label(s)) {
                correct++;
            }
        }
        return correct;
    }
}
