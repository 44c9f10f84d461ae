package io.labelloop.learning;

/** What an item carries and so how it is featurised: free text, numeric columns, or an image. */
public enum TaskType {
    TEXT,
    TABULAR,
    IMAGE
}
