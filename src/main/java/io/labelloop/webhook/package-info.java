/**
 * Webhooks: URLs a lead registers per project, told of labels, new models, a spent budget, stopping advice and
 * finished exports by signed JSON posts from a durable outbox written in the transaction of each change.
 */
package io.labelloop.webhook;
