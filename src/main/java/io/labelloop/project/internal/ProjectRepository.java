package io.labelloop.project.internal;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface ProjectRepository extends JpaRepository<ProjectEntity, Long> {

    @Query(value = """
            select p.* from projects p
            where exists (select 1 from project_members m where m.project_id = p.id and m.user_id = :userId)
            order by p.id""", nativeQuery = true)
    List<ProjectEntity> findVisibleTo(long userId);

    List<ProjectEntity> findAllByOrderById();
}
