package io.labelloop.security.internal;

import io.labelloop.security.Role;
import io.labelloop.shared.ApiException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates users with hashed passwords. */
@Service
public class UserAccounts {

    private final UserRepository users;
    private final PasswordEncoder encoder;

    UserAccounts(UserRepository users, PasswordEncoder encoder) {
        this.users = users;
        this.encoder = encoder;
    }

    @Transactional
    public UserEntity create(String username, String password, Role role) {
        if (users.existsByUsername(username)) {
            throw ApiException.conflict("user '" + username + "' already exists");
        }
        return users.saveAndFlush(new UserEntity(username, encoder.encode(password), role));
    }
}
