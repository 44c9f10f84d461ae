package io.labelloop.item.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A project's feature names in storage order. It only grows: a new name is appended, and vectors
 * stored before it simply end earlier (their missing tail reads as NaN, i.e. missing).
 */
final class FeatureSchema {

    static final int MAX_FEATURES = 100_000;
    /** {@link #indexOf} of a name a frozen schema does not know. */
    static final int UNKNOWN = -2;

    private final List<String> names;
    private final Map<String, Integer> index = new HashMap<>();
    private final int initialSize;
    private final boolean frozen;

    FeatureSchema(List<String> names) {
        this(names, false);
    }

    /** A schema that does not grow (items read to be predicted, not stored); empty stays growable. */
    static FeatureSchema frozen(List<String> names) {
        return new FeatureSchema(names, !names.isEmpty());
    }

    private FeatureSchema(List<String> names, boolean frozen) {
        this.frozen = frozen;
        this.names = new ArrayList<>(names);
        for (int i = 0; i < names.size(); i++) {
            index.put(names.get(i), i);
        }
        this.initialSize = names.size();
    }

    /** The position of the feature, appending it when new; -1 when the schema is full, {@link #UNKNOWN} when frozen. */
    int indexOf(String name) {
        Integer i = index.get(name);
        if (i != null) {
            return i;
        }
        if (frozen) {
            return UNKNOWN;
        }
        if (names.size() >= MAX_FEATURES) {
            return -1;
        }
        names.add(name);
        index.put(name, names.size() - 1);
        return names.size() - 1;
    }

    /** The name at a position, creating positional names ({@code f0}, {@code f1}, ...) as needed. */
    String nameAt(int position) {
        if (frozen && position >= names.size()) {
            return null;
        }
        while (names.size() <= position) {
            if (indexOf("f" + names.size()) < 0) {
                return null;
            }
        }
        return names.get(position);
    }

    int size() {
        return names.size();
    }

    boolean frozen() {
        return frozen;
    }

    boolean grew() {
        return names.size() > initialSize;
    }

    List<String> names() {
        return List.copyOf(names);
    }
}
