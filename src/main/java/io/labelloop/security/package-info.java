/** Users, roles, project-independent access and API tokens; the bearer-token and browser-login security chains. */
package io.labelloop.security;
