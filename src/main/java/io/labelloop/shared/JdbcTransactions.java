package io.labelloop.shared;

import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Transactions for code that only talks JDBC (the claim and label paths): they take a connection
 * and nothing else, where the application's JPA transaction manager also opens and closes a
 * Hibernate session each time, which was a tenth of the CPU of a claim or a label. Inside a
 * running JPA transaction they join it (JPA binds its connection for the same data source).
 * Deliberately not a transaction-manager bean, so JPA's stays the one {@code @Transactional} uses;
 * code run in these transactions checks for one with
 * {@link org.springframework.transaction.support.TransactionSynchronizationManager#isActualTransactionActive}.
 */
@Component
public class JdbcTransactions {

    private final DataSourceTransactionManager manager;

    JdbcTransactions(DataSource dataSource) {
        this.manager = new DataSourceTransactionManager(dataSource);
    }

    /** Joins the caller's transaction or starts one. */
    public TransactionTemplate required() {
        return new TransactionTemplate(manager);
    }

    /** Always a transaction of its own, committed before it returns. */
    public TransactionTemplate requiresNew() {
        TransactionTemplate template = new TransactionTemplate(manager);
        template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        return template;
    }
}
