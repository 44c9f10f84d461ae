/** Export of the labeled data: every labeled item with the source of its label, streamed as CSV or JSON lines. */
package io.labelloop.export;
