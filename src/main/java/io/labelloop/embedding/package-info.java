/**
 * Sentence embeddings of TEXT items: a pretrained encoder shipped inside the jar, a background job that
 * embeds every item once into PostgreSQL, and search by meaning over the stored vectors.
 */
package io.labelloop.embedding;
