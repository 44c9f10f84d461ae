package io.labelloop.security.web;

import io.labelloop.security.Role;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A user to create, from the API (JSON) or the admin's users page (form): the same rules for both. */
record NewUser(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "letters, digits, '.', '_' and '-' only")
        String username,
        @NotBlank @Size(min = 8, max = 200, message = "must be 8 to 200 characters") String password,
        @NotNull Role role) {
}
