package io.winhttp4j.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting on a stage that may be a read-only Scala future (which refuses toCompletableFuture). */
final class Stages {

    private Stages() {
    }

    /**
     * A copy of a Pekko Java-API stage completed on the thread that completed it. Pekko's stages
     * run follow-on steps on the JDK's common pool (a new thread per step at parallelism 1), which
     * would make the bench's server, not the client under test, the cost being measured.
     */
    static <T> CompletableFuture<T> direct(CompletionStage<T> stage) {
        CompletableFuture<T> copy = new CompletableFuture<>();
        scala.jdk.javaapi.FutureConverters.asScala(stage).onComplete(result -> {
            if (result instanceof scala.util.Failure<T> f) copy.completeExceptionally(f.exception());
            else copy.complete(result.get());
            return null;
        }, scala.concurrent.ExecutionContext.parasitic$.MODULE$);
        return copy;
    }

    /** Waits up to {@code timeout}; returns the value, or null when the stage failed or timed out. */
    static <T> T await(CompletionStage<T> stage, Duration timeout) {
        CompletableFuture<T> copy = new CompletableFuture<>();
        stage.whenComplete((value, failure) -> {
            if (failure != null) {
                copy.completeExceptionally(failure);
            } else {
                copy.complete(value);
            }
        });
        try {
            return copy.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }
}
