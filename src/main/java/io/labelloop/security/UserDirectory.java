package io.labelloop.security;

import io.labelloop.security.internal.UserEntity;
import io.labelloop.security.internal.UserRepository;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Looks users up for other modules (membership, annotator names) without exposing the user store. */
@Service
public class UserDirectory {

    private final UserRepository users;

    UserDirectory(UserRepository users) {
        this.users = users;
    }

    /** A user's id and role by username. */
    @Transactional(readOnly = true)
    public Optional<UserRef> findByUsername(String username) {
        return users.findByUsername(username).map(UserDirectory::ref);
    }

    @Transactional(readOnly = true)
    public Optional<UserRef> findById(long id) {
        return users.findById(id).map(UserDirectory::ref);
    }

    private static UserRef ref(UserEntity u) {
        return new UserRef(u.getId(), u.getUsername(), u.getRole());
    }

    /** A user as other modules see it. */
    public record UserRef(long id, String username, Role role) {
    }
}
