package io.labelloop.project;

import io.labelloop.learning.ModelFamily;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The values of the {@code modelFamily} setting: {@value ModelSettings#AUTO_FAMILY} or a family the service offers. */
public final class ModelFamilies {
    private ModelFamilies() {
    }

    /** A family the service offers, as {@code GET /api/v1/model-families} lists it. */
    public record Offered(String family, String description, boolean nonLinear) {
    }

    public static List<Offered> offered() {
        return Arrays.stream(ModelFamily.values())
                .map(f -> new Offered(f.name(), f.description(), f != ModelFamily.LINEAR)).toList();
    }

    public static boolean isSetting(String value) {
        return settingValues().contains(value);
    }

    /** AUTO first, then every family. */
    public static List<String> settingValues() {
        List<String> values = new ArrayList<>(List.of(ModelSettings.AUTO_FAMILY));
        Arrays.stream(ModelFamily.values()).forEach(f -> values.add(f.name()));
        return values;
    }

    /** The family a setting pins, or null for AUTO. */
    public static ModelFamily pinned(String setting) {
        return setting == null || ModelSettings.AUTO_FAMILY.equals(setting) ? null : ModelFamily.valueOf(setting);
    }
}
