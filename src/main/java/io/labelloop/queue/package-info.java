/** The ranked labeling queue: claims with leases (never two annotators on one item), skips, fallbacks. */
package io.labelloop.queue;
