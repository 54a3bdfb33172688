package io.confidentialai.sdk.samples.inference;

import io.confidentialai.sdk.spi.Workload;
import io.confidentialai.sdk.spi.WorkloadContext;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The inference engine that runs inside the TEE. It reads the decrypted model and the decrypted dataset
 * (CSV: {@code id,f1,...,fn}) as streams and writes {@code predictions.csv} ({@code id,probability,label}),
 * which the loader seals to the order's recipients. Its class bytes are what the simulated TEE measures into
 * MRTD, so changing this code changes the measurement every policy pins.
 */
public final class LogisticRegressionWorkload implements Workload {
    /** The output this workload writes. */
    public static final String OUTPUT = "predictions.csv";

    @Override
    public void run(WorkloadContext context) throws IOException {
        double threshold = Double.parseDouble(context.parameters().getOrDefault("threshold", "0.5"));
        LogisticModel model;
        try (InputStream m = context.openModel()) {
            model = LogisticModel.read(m);
        }
        try (OutputStream out = context.createOutput(OUTPUT);
                Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
            w.write("id,probability,label\n");
            for (int i = 0; i < context.inputCount(); i++) {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(context.openInput(i), StandardCharsets.UTF_8))) {
                    String header = r.readLine();
                    if (header == null || !header.startsWith("id,")) {
                        throw new IOException("input " + i + " is not a CSV with an id column");
                    }
                    String line;
                    while ((line = r.readLine()) != null) {
                        String[] cells = line.split(",", -1);
                        if (cells.length != model.features() + 1) {
                            throw new IOException("input " + i + ": row has " + (cells.length - 1) + " features, the model needs "
                                    + model.features());
                        }
                        double[] x = new double[model.features()];
                        for (int j = 0; j < x.length; j++) {
                            x[j] = Double.parseDouble(cells[j + 1]);
                        }
                        double p = model.probability(x);
                        w.write(String.format(Locale.ROOT, "%s,%.6f,%d%n", cells[0], p, p >= threshold ? 1 : 0));
                    }
                }
            }
        }
    }
}
