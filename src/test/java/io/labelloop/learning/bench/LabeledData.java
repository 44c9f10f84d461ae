package io.labelloop.learning.bench;

import io.labelloop.learning.ItemEncoder;
import io.labelloop.learning.TaskType;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * A labelled dataset in the shared formats, already encoded with {@link ItemEncoder}: text files are
 * {@code id,text,label}; tabular and image files {@code id,label,<numeric features>}.
 */
public record LabeledData(String name, TaskType task, List<String> ids, List<byte[]> items, List<String> labels,
                          List<String> rawTexts) {

    /** Loads a file; the task type comes from its parent folder name (text, tabular, image). */
    public static LabeledData load(Path file) {
        String folder = file.getParent().getFileName().toString();
        TaskType task = switch (folder) {
            case "text" -> TaskType.TEXT;
            case "image" -> TaskType.IMAGE;
            default -> TaskType.TABULAR;
        };
        return load(file, task);
    }

    public static LabeledData load(Path file, TaskType task) {
        try (InputStream raw = Files.newInputStream(file)) {
            InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
            return read(file.getFileName().toString().replaceAll("\\.csv(\\.gz)?$", ""), task,
                    new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static LabeledData read(String name, TaskType task, Reader reader) throws IOException {
        List<String> ids = new ArrayList<>();
        List<byte[]> items = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        for (CSVRecord r : format.parse(reader)) {
            ids.add(r.get(0));
            if (task == TaskType.TEXT) {
                texts.add(r.get(1));
                items.add(ItemEncoder.encodeText(r.get(1)));
                labels.add(r.get(2));
            } else {
                labels.add(r.get(1));
                float[] v = new float[r.size() - 2];
                for (int j = 2; j < r.size(); j++) {
                    String s = r.get(j);
                    v[j - 2] = s.isEmpty() || s.equals("NA") ? Float.NaN : Float.parseFloat(s);
                }
                items.add(task == TaskType.IMAGE ? ItemEncoder.encodePixels(v) : ItemEncoder.encodeNumeric(v));
            }
        }
        return new LabeledData(name, task, ids, items, labels, texts);
    }

    public int size() {
        return items.size();
    }
}
