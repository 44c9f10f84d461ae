/** Items to label: streamed, idempotent bulk ingest (JSON, NDJSON, CSV) through PostgreSQL COPY; item and image reads. */
package io.labelloop.item;
