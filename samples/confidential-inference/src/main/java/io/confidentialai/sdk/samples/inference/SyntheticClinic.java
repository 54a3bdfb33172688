package io.confidentialai.sdk.samples.inference;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Generates standardized tabular health records whose risk follows a hidden logistic law, so the model owner
 * can train on one cohort and the data owner can score another and check accuracy against labels it keeps.
 */
final class SyntheticClinic {
    static final String[] FEATURES = {"age", "bmi", "systolic_bp", "glucose", "cholesterol", "smoker", "activity",
        "family_history"};
    private static final double[] TRUE_WEIGHTS = {0.9, 0.7, 0.6, 1.4, 0.5, 0.8, -0.9, 0.6};
    private static final double TRUE_BIAS = -0.4;

    private SyntheticClinic() {}

    record Cohort(double[][] x, int[] y) {}

    static Cohort cohort(int n, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[n][FEATURES.length];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double z = TRUE_BIAS;
            for (int j = 0; j < FEATURES.length; j++) {
                x[i][j] = j == 5 || j == 7 ? (r.nextDouble() < 0.3 ? 1.0 : -0.4) : r.nextGaussian();
                z += TRUE_WEIGHTS[j] * x[i][j];
            }
            y[i] = r.nextDouble() < 1.0 / (1.0 + Math.exp(-z)) ? 1 : 0;
        }
        return new Cohort(x, y);
    }

    /** Writes {@code id,<features>} (no labels: those stay with the data owner). */
    static void writeCsv(Cohort c, Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("id," + String.join(",", FEATURES) + "\n");
            for (int i = 0; i < c.x().length; i++) {
                StringBuilder sb = new StringBuilder("p").append(i);
                for (double v : c.x()[i]) {
                    sb.append(String.format(Locale.ROOT, ",%.5f", v));
                }
                w.write(sb.append('\n').toString());
            }
        }
    }
}
