package io.labelloop.webhook;

/** What a webhook can be told about. */
public enum WebhookEvent {
    /** A human labeled an item or changed their label; deliveries may carry several labels ({@code items}). */
    ITEM_LABELED,
    /** A new model version was stored. */
    MODEL_TRAINED,
    /** A label used the last unit of the project's budget. */
    BUDGET_EXHAUSTED,
    /** A new model version recommends stopping (its predictions stopped changing). */
    STOP_RECOMMENDED,
    /** An export job finished and its file can be downloaded. */
    EXPORT_READY
}
