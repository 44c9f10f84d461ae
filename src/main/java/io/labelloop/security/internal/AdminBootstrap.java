package io.labelloop.security.internal;

import io.labelloop.security.Role;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On a first start with no users, creates {@code admin} with the password from
 * {@code LABELLOOP_ADMIN_PASSWORD} and, when {@code LABELLOOP_ADMIN_TOKEN} is set, an API token
 * with exactly that value. Unset values are generated and logged once. Several replicas starting
 * together race safely: the unique username lets one win.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final UserRepository users;
    private final UserAccounts accounts;
    private final ApiTokens tokens;
    private final TransactionTemplate tx;
    private final String password;
    private final String token;

    AdminBootstrap(UserRepository users, UserAccounts accounts, ApiTokens tokens, TransactionTemplate tx,
            @Value("${labelloop.admin.password:}") String password, @Value("${labelloop.admin.token:}") String token) {
        this.users = users;
        this.accounts = accounts;
        this.tokens = tokens;
        this.tx = tx;
        this.password = password;
        this.token = token;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (users.count() > 0) {
            return;
        }
        try {
            tx.executeWithoutResult(status -> createAdmin());
        } catch (DataIntegrityViolationException | io.labelloop.shared.ApiException e) {
            log.info("Another instance created the admin user first");
        }
    }

    private void createAdmin() {
        boolean generatedPassword = password.isBlank();
        String pw = generatedPassword ? randomSecret() : password;
        UserEntity admin = accounts.create("admin", pw, Role.ADMIN);
        if (!token.isBlank()) {
            tokens.store(admin.getId(), "bootstrap", token);
        }
        if (generatedPassword) {
            log.warn("Created user 'admin' with generated password: {} (set LABELLOOP_ADMIN_PASSWORD to choose it)", pw);
        } else {
            log.info("Created user 'admin' with the password from LABELLOOP_ADMIN_PASSWORD");
        }
        if (token.isBlank()) {
            var issued = tokens.issue(admin.getId(), "bootstrap");
            log.warn("Created API token for 'admin': {} (set LABELLOOP_ADMIN_TOKEN to choose it)", issued.token());
        }
    }

    private static String randomSecret() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
