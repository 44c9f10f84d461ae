/** What leads watch: project statistics now, learning curves and the dashboard as the loop grows. */
package io.labelloop.metrics;
