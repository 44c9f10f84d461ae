package io.labelloop.project.internal;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Who belongs to which project. */
@Repository
public class Memberships {

    private final JdbcClient jdbc;

    Memberships(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean isMember(long projectId, long userId) {
        return jdbc.sql("select exists (select 1 from project_members where project_id = ? and user_id = ?)")
                .params(projectId, userId).query(Boolean.class).single();
    }

    public void add(long projectId, long userId) {
        jdbc.sql("insert into project_members (project_id, user_id) values (?, ?) on conflict do nothing")
                .params(projectId, userId).update();
    }

    public boolean remove(long projectId, long userId) {
        return jdbc.sql("delete from project_members where project_id = ? and user_id = ?")
                .params(projectId, userId).update() > 0;
    }

    public List<Long> memberIds(long projectId) {
        return jdbc.sql("select user_id from project_members where project_id = ? order by added_at, user_id")
                .param(projectId).query(Long.class).list();
    }
}
