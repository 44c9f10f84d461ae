package io.labelloop.annotation;

import io.labelloop.annotation.LabelSubmission.Outcome;
import io.labelloop.project.Project;
import io.labelloop.shared.ApiException;
import io.labelloop.shared.JdbcTransactions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit of label posts to projects with a budget. The budget holds exactly across instances
 * because such posts count and write under the project's budget lock; taken per post, that lock is
 * held across each commit's WAL flush (about 4 ms here), and a project could take no more than some
 * 250 labels a second. Instead the posts of a project queue here and one writer per project and
 * instance takes everything queued into one transaction: one lock, one count, one flush for the
 * batch, then every post gets its own answer. Nothing is answered before its batch committed, so
 * a 2xx label is as durable as before; a batch forms while the previous one commits, so under load
 * batches grow by themselves and a lone post waits for nobody.
 */
@Component
class LabelGroupCommit {

    private static final int MAX_BATCH = 256;
    private static final long IDLE_SECONDS = 30;

    private final LabelWriter writer;
    private final LabelBudget budget;
    private final TransactionTemplate transaction;
    private final Map<Long, LinkedBlockingQueue<Post>> queues = new ConcurrentHashMap<>();
    private final ApplicationEventPublisher events;

    LabelGroupCommit(LabelWriter writer, LabelBudget budget, JdbcTransactions transactions,
            ApplicationEventPublisher events) {
        this.writer = writer;
        this.budget = budget;
        this.transaction = transactions.required();
        this.events = events;
    }

    private record Post(Project project, long itemId, long userId, String label, CompletableFuture<Outcome> answer) {
    }

    /** Stores the label in the project's next batch and returns once that batch committed. */
    Outcome submit(Project project, long itemId, long userId, String label) {
        var post = new Post(project, itemId, userId, label, new CompletableFuture<>());
        queues.compute(project.id(), (id, queue) -> {
            if (queue == null) {
                queue = new LinkedBlockingQueue<>();
                var started = queue;
                Thread.ofVirtual().name("label-group-commit-" + id).start(() -> drain(id, started));
            }
            queue.add(post);
            return queue;
        });
        try {
            return post.answer().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the label was being written", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** The project's writer: batches until the queue stayed empty for a while (removed atomically with the adds). */
    private void drain(long projectId, LinkedBlockingQueue<Post> queue) {
        while (true) {
            Post first;
            try {
                first = queue.poll(IDLE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                first = null;
            }
            if (first == null) {
                if (queues.computeIfPresent(projectId, (id, q) -> q.isEmpty() ? null : q) == null) {
                    return;
                }
                continue;
            }
            List<Post> batch = new ArrayList<>();
            batch.add(first);
            queue.drainTo(batch, MAX_BATCH - 1);
            try {
                write(batch);
            } catch (Throwable t) { // answer every post, whatever happened, and keep the writer alive
                batch.forEach(post -> post.answer().completeExceptionally(t));
            }
        }
    }

    /**
     * One transaction for the batch. Refusals (budget used up, leased or labeled by someone else)
     * answer their own post only; an unexpected failure rolls the batch back and writes its posts
     * one by one, so that one bad post fails alone.
     */
    private void write(List<Post> batch) {
        List<Object> results;
        try {
            results = transaction.execute(status -> writeUnderLock(batch));
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.getFirst().answer().completeExceptionally(e);
                return;
            }
            batch.forEach(post -> write(List.of(post)));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            Object result = results.get(i);
            if (result instanceof Outcome outcome) {
                batch.get(i).answer().complete(outcome);
            } else {
                batch.get(i).answer().completeExceptionally((RuntimeException) result);
            }
        }
    }

    private List<Object> writeUnderLock(List<Post> batch) {
        Project project = batch.getFirst().project();
        LabelBudget.Held held = budget.lock(project.id());
        var spend = new LabelWriter.Spend(held.budget() == null ? Integer.MAX_VALUE : held.budget(), held.used());
        boolean spentBefore = spend.spent();
        // the posts the budget has room for, as new labels in one statement; the others, and those it did not store,
        // one by one (repeats, replacements, refusals)
        int room = (int) Math.max(0, Math.min(batch.size(), (long) spend.budget - spend.used));
        boolean[] created = writer.createAll(project, batch.subList(0, room).stream()
                .map(post -> new LabelWriter.NewLabel(post.itemId(), post.userId(), post.label())).toList());
        List<Object> results = new ArrayList<>(batch.size());
        for (int i = 0; i < room; i++) {
            spend.used += created[i] ? 1 : 0;
        }
        for (int i = 0; i < batch.size(); i++) {
            Post post = batch.get(i);
            if (i < room && created[i]) {
                results.add(Outcome.CREATED);
                continue;
            }
            try {
                results.add(writer.write(post.project(), post.itemId(), post.userId(), post.label(), spend));
            } catch (ApiException refused) {
                results.add(refused);
            }
        }
        if (held.budget() != null && !spentBefore && spend.spent()) {
            events.publishEvent(new BudgetExhausted(project.id(), held.budget()));
        }
        return results;
    }
}
