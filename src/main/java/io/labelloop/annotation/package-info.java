/** Human and machine labels: posting, replacing and undoing a label under an exact budget. */
package io.labelloop.annotation;
