package io.confidentialai.sdk.samples.inference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * A binary logistic-regression classifier in plain Java: the model owner's intellectual property. Its weights
 * are what gets sealed; the TEE is the only place they are ever decrypted.
 */
final class LogisticModel {
    private static final String MAGIC = "logreg-v1";
    private final double[] weights;
    private final double bias;

    LogisticModel(double[] weights, double bias) {
        this.weights = weights.clone();
        this.bias = bias;
    }

    int features() {
        return weights.length;
    }

    double probability(double[] x) {
        if (x.length != weights.length) {
            throw new IllegalArgumentException("expected " + weights.length + " features, got " + x.length);
        }
        double z = bias;
        for (int i = 0; i < x.length; i++) {
            z += weights[i] * x[i];
        }
        return 1.0 / (1.0 + Math.exp(-z));
    }

    /** Trains by full-batch gradient descent with L2 regularization. */
    static LogisticModel train(double[][] x, int[] y, int epochs, double learningRate, double l2) {
        int n = x.length;
        int d = x[0].length;
        double[] w = new double[d];
        double b = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            double[] gw = new double[d];
            double gb = 0;
            LogisticModel current = new LogisticModel(w, b);
            for (int i = 0; i < n; i++) {
                double err = current.probability(x[i]) - y[i];
                for (int j = 0; j < d; j++) {
                    gw[j] += err * x[i][j];
                }
                gb += err;
            }
            for (int j = 0; j < d; j++) {
                w[j] -= learningRate * (gw[j] / n + l2 * w[j]);
            }
            b -= learningRate * gb / n;
        }
        return new LogisticModel(w, b);
    }

    /** The on-disk form: a magic line, then the weights and the bias, one per line. */
    byte[] serialize() {
        StringBuilder sb = new StringBuilder(MAGIC).append('\n').append(weights.length).append('\n');
        for (double v : weights) {
            sb.append(String.format(Locale.ROOT, "%.17g%n", v));
        }
        sb.append(String.format(Locale.ROOT, "%.17g%n", bias));
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static LogisticModel read(InputStream in) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        if (!MAGIC.equals(r.readLine())) {
            throw new IOException("not a " + MAGIC + " model");
        }
        String count = r.readLine();
        int d;
        try {
            d = Integer.parseInt(count == null ? "" : count.trim());
        } catch (NumberFormatException e) {
            throw new IOException("malformed feature count", e);
        }
        if (d < 1 || d > 10_000) {
            throw new IOException("feature count out of range: " + d);
        }
        double[] w = new double[d];
        try {
            for (int i = 0; i < d; i++) {
                w[i] = Double.parseDouble(line(r));
            }
            return new LogisticModel(w, Double.parseDouble(line(r)));
        } catch (NumberFormatException e) {
            throw new IOException("malformed weight", e);
        }
    }

    private static String line(BufferedReader r) throws IOException {
        String s = r.readLine();
        if (s == null) {
            throw new IOException("truncated model");
        }
        return s.trim();
    }

    @Override
    public String toString() {
        return "LogisticModel" + Arrays.toString(weights);
    }
}
