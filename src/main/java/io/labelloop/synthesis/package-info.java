/**
 * Membership query synthesis: synthetic and augmented items made near the model's decision boundary and in
 * under-covered regions, queued for people to label within a cap on their share of the queue.
 */
package io.labelloop.synthesis;
