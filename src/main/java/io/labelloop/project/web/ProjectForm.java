package io.labelloop.project.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the project form posts: each setting's field as the lead typed it, under its JSON name
 * ({@code values[batchSize]}). {@link SettingsReader#fromForm} reads it into a
 * {@link io.labelloop.project.ProjectSettings} as the API does, so a new setting needs no code here.
 */
public class ProjectForm {

    private Map<String, String> values = new LinkedHashMap<>();

    ProjectForm() {
    }

    ProjectForm(Map<String, String> values) {
        this.values = new LinkedHashMap<>(values);
    }

    public Map<String, String> getValues() {
        return values;
    }

    public void setValues(Map<String, String> values) {
        this.values = values;
    }
}
