package io.labelloop.project;

import io.labelloop.project.internal.Memberships;
import io.labelloop.project.internal.ProjectEntity;
import io.labelloop.project.internal.ProjectRepository;
import io.labelloop.security.AuthenticatedUser;
import io.labelloop.security.Role;
import io.labelloop.shared.ApiException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who may do what with a project: admins everything; members see it; leads among its members
 * also configure it, upload and export. Other modules call this before touching project data.
 */
@Service
public class ProjectAccess {

    private final ProjectRepository projects;
    private final Memberships memberships;

    ProjectAccess(ProjectRepository projects, Memberships memberships) {
        this.projects = projects;
        this.memberships = memberships;
    }

    /** The project if the user may see it: 404 when it does not exist, 403 when the user is no member. */
    @Transactional(readOnly = true)
    public Project requireView(long projectId, AuthenticatedUser user) {
        Project project = get(projectId);
        if (!user.isAdmin() && !memberships.isMember(projectId, user.id())) {
            throw ApiException.forbidden("you are not a member of project " + projectId);
        }
        return project;
    }

    /** The project if the user may configure it, upload to it and export it (admin, or a lead among its members). */
    @Transactional(readOnly = true)
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
                .filter(p -> !p.stopped()).map(Project::id).toList();
    }

    /** The project without an access check, for jobs that run on behalf of the service. */
    @Transactional(readOnly = true)
    public Project get(long projectId) {
        return projects.findById(projectId).map(ProjectEntity::toProject)
                .orElseThrow(() -> ApiException.notFound("project", projectId));
    }
}
