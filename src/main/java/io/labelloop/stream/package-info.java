/** Stream-based selective sampling: items arriving one at a time are auto-labeled when the model is sure, else queued for a human within the budget. */
package io.labelloop.stream;
