package io.labelloop.security.internal;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ApiTokenRepository extends JpaRepository<ApiTokenEntity, Long> {

    Optional<ApiTokenEntity> findByTokenHashAndRevokedAtIsNull(String tokenHash);

    List<ApiTokenEntity> findByUserIdOrderById(Long userId);

    Optional<ApiTokenEntity> findByIdAndUserId(Long id, Long userId);
}
