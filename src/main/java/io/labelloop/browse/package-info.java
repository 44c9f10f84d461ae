/** The item browser for leads: find any item by text, id, label, source, prediction or queue state; its history; relabel. */
package io.labelloop.browse;
