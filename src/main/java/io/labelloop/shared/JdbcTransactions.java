package io.labelloop.shared;

import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Transactions for code that only talks JDBC (the claim and label paths): they take a connection
 * and nothing else, where the application's JPA transaction manager also opens and closes a
 * Hibernate session each time, which was a tenth of the CPU of a claim or a label. Inside a
 * running JPA transaction {@link #required()} and {@link #requiresNew()} join it (JPA binds its connection for the
 * same data source, which this manager does not see as a transaction); {@link #autocommit()} suspends it.
 * Deliberately not a transaction-manager bean, so JPA's stays the one {@code @Transactional} uses.
 */
@Component
public class JdbcTransactions {

    private final DataSourceTransactionManager manager;
    private final PlatformTransactionManager application;

    JdbcTransactions(DataSource dataSource, PlatformTransactionManager application) {
        this.manager = new DataSourceTransactionManager(dataSource);
        this.application = application;
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

    /**
     * Outside any transaction: each statement commits on its own (autocommit), also when the caller has the
     * application's (JPA) transaction open; it is suspended meanwhile, so the statements neither join it nor wait
     * for its commit. Costs no session and no round trip. Inside it, {@link #requiresNew()} is a transaction of its
     * own whatever the caller has open.
     */
    public TransactionTemplate autocommit() {
        TransactionTemplate template = new TransactionTemplate(application);
        template.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
        return template;
    }
}
