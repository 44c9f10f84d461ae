package io.labelloop.project.internal;

import io.labelloop.project.LabelKeys;
import io.labelloop.project.ModelFamilies;
import io.labelloop.project.ModelSettings;
import io.labelloop.project.Project;
import io.labelloop.project.ProjectAccess;
import io.labelloop.project.ProjectDeleted;
import io.labelloop.project.ProjectSettings;
import io.labelloop.security.AuthenticatedUser;
import io.labelloop.security.Role;
import io.labelloop.security.UserDirectory;
import io.labelloop.security.UserDirectory.UserRef;
import io.labelloop.shared.ApiException;
import io.labelloop.shared.ApiException.FieldProblem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates, changes and lists projects and their members; rules that span fields live here. */
@Service
public class ProjectService {

    private final ProjectRepository projects;
    private final Memberships memberships;
    private final ProjectAccess access;
    private final UserDirectory users;
    private final ApplicationEventPublisher events;

    ProjectService(ProjectRepository projects, Memberships memberships, ProjectAccess access, UserDirectory users,
            ApplicationEventPublisher events) {
        this.projects = projects;
        this.memberships = memberships;
        this.access = access;
        this.users = users;
        this.events = events;
    }

    @Transactional
    public Project create(ProjectSettings settings, AuthenticatedUser creator) {
        if (!creator.isAdmin() && creator.role() != Role.LEAD) {
            throw ApiException.forbidden("only a lead or an admin creates projects");
        }
        ProjectSettings s = settings.withDefaults();
        checkCrossFieldRules(s);
        ProjectEntity saved = projects.saveAndFlush(new ProjectEntity(s, creator.id()));
        memberships.add(saved.getId(), creator.id());
        return saved.toProject();
    }

    @Transactional(readOnly = true)
    public List<Project> visibleTo(AuthenticatedUser user) {
        List<ProjectEntity> found = user.isAdmin() ? projects.findAllByOrderById() : projects.findVisibleTo(user.id());
        return found.stream().map(ProjectEntity::toProject).toList();
    }

    /** Applies already-merged settings: the task type stays, labels may only grow. */
    @Transactional
    public Project update(long projectId, ProjectSettings merged, AuthenticatedUser user) {
        Project current = access.requireManage(projectId, user);
        ProjectSettings s = merged.withDefaults();
        List<FieldProblem> problems = new ArrayList<>();
        if (s.taskType() != current.taskType()) {
            problems.add(new FieldProblem("taskType", "cannot be changed after creation"));
        }
        List<String> dropped = current.labels().stream().filter(l -> !s.labels().contains(l)).toList();
        if (!dropped.isEmpty()) {
            problems.add(new FieldProblem("labels", "labels may only grow; missing " + dropped));
        }
        LabelKeys.problems(s.labels(), s.labelingPage().labelKeys())
                .forEach(p -> problems.add(new FieldProblem("labelKeys", p)));
        if (s.labelingPage().imageWidth() != null && s.taskType() != io.labelloop.learning.TaskType.IMAGE) {
            problems.add(new FieldProblem("imageWidth", "is for IMAGE projects only"));
        }
        labelingPageProblems(s, problems);
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        checkCrossFieldRules(s);
        ProjectEntity entity = projects.findById(projectId).orElseThrow();
        access.forget(projectId);
        entity.apply(s);
        return projects.saveAndFlush(entity).toProject();
    }

    @Transactional
    public void delete(long projectId, AuthenticatedUser user) {
        access.requireManage(projectId, user);
        access.forget(projectId);
        events.publishEvent(new ProjectDeleted(projectId));
        projects.deleteById(projectId);
    }

    @Transactional
    public void addMember(long projectId, String username, AuthenticatedUser user) {
        access.requireManage(projectId, user);
        UserRef member = users.findByUsername(username)
                .orElseThrow(() -> ApiException.invalid("username", "no user named '" + username + "'"));
        access.forget(projectId);
        memberships.add(projectId, member.id());
    }

    @Transactional
    public void removeMember(long projectId, String username, AuthenticatedUser user) {
        access.requireManage(projectId, user);
        UserRef member = users.findByUsername(username).orElseThrow(() -> ApiException.notFound("user", username));
        access.forget(projectId);
        if (!memberships.remove(projectId, member.id())) {
            throw ApiException.notFound("member", username);
        }
    }

    @Transactional(readOnly = true)
    public List<UserRef> members(long projectId, AuthenticatedUser user) {
        access.requireView(projectId, user);
        return memberships.memberIds(projectId).stream().flatMap(id -> users.findById(id).stream()).toList();
    }

    /**
     * What is wrong with {@code textRepresentation}: an unknown value, or a value other than AUTO outside TEXT
     * projects (refused rather than silently ignored).
     */
    private static java.util.Optional<String> textRepresentationProblem(ProjectSettings s) {
        String r = s.model().textRepresentation();
        if (r == null || ModelSettings.AUTO_REPRESENTATION.equals(r)) {
            return java.util.Optional.empty();
        }
        if (!ModelSettings.TEXT_REPRESENTATIONS.contains(r)) {
            return java.util.Optional.of("must be one of " + ModelSettings.TEXT_REPRESENTATIONS);
        }
        if (s.taskType() != io.labelloop.learning.TaskType.TEXT) {
            return java.util.Optional.of("is for TEXT projects only");
        }
        return java.util.Optional.empty();
    }

    private static void labelingPageProblems(ProjectSettings s, List<FieldProblem> problems) {
        io.labelloop.project.LabelDescriptions.problems(s.labels(), s.labelingPage().labelDescriptions())
                .forEach(p -> problems.add(new FieldProblem("labelDescriptions", p)));
        for (String field : List.of("featureColumns", "hiddenFeatures")) {
            List<String> columns = "featureColumns".equals(field) ? s.labelingPage().featureColumns() : s.labelingPage().hiddenFeatures();
            if (columns != null && s.taskType() != io.labelloop.learning.TaskType.TABULAR) {
                problems.add(new FieldProblem(field, "is for TABULAR projects only"));
            } else if (columns != null && columns.stream().anyMatch(c -> c == null || c.isBlank())) {
                problems.add(new FieldProblem(field, "must name columns, not blanks"));
            }
        }
    }

    private static void checkCrossFieldRules(ProjectSettings s) {
        List<FieldProblem> problems = new ArrayList<>();
        if (new HashSet<>(s.labels()).size() != s.labels().size()) {
            problems.add(new FieldProblem("labels", "must be distinct"));
        }
        if (s.autoLabel().autoLabelThreshold() != null && s.autoLabel().autoLabelTargetAccuracy() != null) {
            problems.add(new FieldProblem("autoLabelThreshold",
                    "set either autoLabelThreshold or autoLabelTargetAccuracy, not both"));
        }
        if (Boolean.TRUE.equals(s.model().trainingAugmentation()) && s.taskType() != io.labelloop.learning.TaskType.TABULAR) {
            problems.add(new FieldProblem("trainingAugmentation",
                    "is available for TABULAR projects only (on images it lowered accuracy, see docs/synthesis.md)"));
        }
        LabelKeys.problems(s.labels(), s.labelingPage().labelKeys())
                .forEach(p -> problems.add(new FieldProblem("labelKeys", p)));
        if (s.labelingPage().imageWidth() != null && s.taskType() != io.labelloop.learning.TaskType.IMAGE) {
            problems.add(new FieldProblem("imageWidth", "is for IMAGE projects only"));
        }
        labelingPageProblems(s, problems);
        if (!ModelFamilies.isSetting(s.model().modelFamily())) {
            problems.add(new FieldProblem("modelFamily", "must be " + ModelFamilies.settingValues()));
        }
        textRepresentationProblem(s).ifPresent(m -> problems.add(new FieldProblem("textRepresentation", m)));
        io.labelloop.project.CertificationPlan plan = io.labelloop.project.CertificationPlan.of(s.queue(), s.autoLabel());
        if (plan != null && !plan.possible()) {
            problems.add(new FieldProblem("autoLabelTargetAccuracy", plan.problem()));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
    }
}
