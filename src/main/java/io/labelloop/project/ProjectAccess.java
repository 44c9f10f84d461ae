package io.labelloop.project;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.labelloop.project.internal.Memberships;
import io.labelloop.project.internal.ProjectEntity;
import io.labelloop.project.internal.ProjectRepository;
import io.labelloop.security.AuthenticatedUser;
import io.labelloop.security.Role;
import io.labelloop.shared.ApiException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Who may do what with a project: admins everything; members see it; leads among its members
 * also configure it, upload and export. Other modules call this before touching project data. To
 * anyone else a project does not exist: they get the same 404 as for an unknown id.
 *
 * <p>Every API call starts here, so the answers of {@link #requireView} and {@link #requireManage}
 * are kept briefly ({@code labelloop.access.cache-ttl}, default 1 s; 0 turns it off): a claim or a
 * label then costs no project or membership query. Changes made through this instance
 * ({@link #forget}) take effect at once, changes made through another instance within the cache time.
 * What must be exact reads the database itself: the budget, for one, is read under its lock.
 */
@Service
public class ProjectAccess {

    private static final int MAX_CACHED_PROJECTS = 10_000;

    private final ProjectRepository projects;
    private final Memberships memberships;
    private final long cacheNanos;
    private final Map<Long, Cached> recent = Caffeine.newBuilder().maximumSize(MAX_CACHED_PROJECTS)
            .<Long, Cached>build().asMap();
    /** Counts {@link #forget} calls: a project read while one happened is used but not kept. */
    private final java.util.concurrent.atomic.AtomicLong forgets = new java.util.concurrent.atomic.AtomicLong();

    ProjectAccess(ProjectRepository projects, Memberships memberships,
            @Value("${labelloop.access.cache-ttl:1s}") Duration cacheTtl) {
        this.projects = projects;
        this.memberships = memberships;
        this.cacheNanos = cacheTtl.toNanos();
    }

    /** A project read recently and the membership answers given since, until {@code expiresAt}. */
    private record Cached(Project project, Map<Long, Boolean> members, long expiresAt) {
    }

    /**
     * The project if the user may see it; otherwise a 404 with the same answer as for a project that
     * does not exist, so that ids cannot be probed for projects one is not a member of.
     */
    public Project requireView(long projectId, AuthenticatedUser user) {
        if (cacheNanos <= 0) {
            return checkView(get(projectId), user, id -> memberships.isMember(projectId, id));
        }
        long now = System.nanoTime();
        Cached hit = recent.get(projectId);
        if (hit == null || hit.expiresAt() - now <= 0) {
            long before = forgets.get();
            hit = new Cached(get(projectId), new ConcurrentHashMap<>(), now + cacheNanos);
            if (forgets.get() == before) {
                recent.put(projectId, hit);
            }
        }
        Map<Long, Boolean> members = hit.members();
        return checkView(hit.project(), user, id -> members.computeIfAbsent(id, u -> memberships.isMember(projectId, u)));
    }

    private static Project checkView(Project project, AuthenticatedUser user, java.util.function.LongPredicate isMember) {
        if (!user.isAdmin() && !isMember.test(user.id())) {
            throw ApiException.notFound("project", project.id());
        }
        return project;
    }

    /**
     * Drops what is kept of the project now and, inside a transaction, again when it ends, so that
     * no request caches the state the transaction is about to replace; a read that overlapped either
     * drop answers its own request but is not kept.
     */
    public void forget(long projectId) {
        forgets.incrementAndGet();
        recent.remove(projectId);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    forgets.incrementAndGet();
                    recent.remove(projectId);
                }
            });
        }
    }

    /**
     * The project if the user may configure it, upload to it and export it (admin, or a lead among its
     * members): 404 as in {@link #requireView} for a project the user cannot see, 403 for a member
     * whose role is not enough (that a member's project exists is no secret to them).
     */
    public Project requireManage(long projectId, AuthenticatedUser user) {
        Project project = requireView(projectId, user);
        if (!user.isAdmin() && user.role() != Role.LEAD) {
            throw ApiException.forbidden("only a lead or an admin may do this");
        }
        return project;
    }

    /** Ids of the projects whose labeling is not stopped, for the service's own jobs. */
    @Transactional(readOnly = true)
    public java.util.List<Long> activeProjectIds() {
        return projects.findAllByOrderById().stream().map(ProjectEntity::toProject)
                .filter(p -> !p.queue().stopped()).map(Project::id).toList();
    }

    /** The project without an access check, for jobs that run on behalf of the service. */
    @Transactional(readOnly = true)
    public Project get(long projectId) {
        return projects.findById(projectId).map(ProjectEntity::toProject)
                .orElseThrow(() -> ApiException.notFound("project", projectId));
    }
}
