/** Features, models, evaluation and query strategies: plain Java over Tribuo, no Spring or database types. */
package io.labelloop.learning;
