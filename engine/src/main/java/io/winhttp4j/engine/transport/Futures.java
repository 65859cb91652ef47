package io.winhttp4j.engine.transport;

import scala.concurrent.ExecutionContext;
import scala.concurrent.Future;
import scala.jdk.javaapi.FutureConverters;
import scala.util.Failure;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Pekko's futures, taken over without a thread hop. Pekko's Java-API stages (a queue's pull, a
 * materialized connection or termination) run every follow-on step as an *Async step on the JDK's
 * common pool, which starts a new thread per step when its parallelism is 1 (a 2-CPU machine).
 * The copy made here is completed on the thread that completed Pekko's future, and its own
 * follow-on steps run there too.
 */
final class Futures {
    private Futures() {}

    /** A plain copy of a Java-API stage from Pekko (or of any stage). */
    static <T> CompletableFuture<T> direct(CompletionStage<T> stage) {
        return direct(FutureConverters.asScala(stage));
    }

    /** A plain copy of a Scala future. */
    static <T> CompletableFuture<T> direct(Future<T> future) {
        CompletableFuture<T> copy = new CompletableFuture<>();
        future.onComplete(result -> {
            if (result instanceof Failure<T> f) copy.completeExceptionally(f.exception());
            else copy.complete(result.get());
            return null;
        }, ExecutionContext.parasitic$.MODULE$);
        return copy;
    }
}
