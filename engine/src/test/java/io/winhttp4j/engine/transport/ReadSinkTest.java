package io.winhttp4j.engine.transport;

import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The socket's read side: what Sink.queue did (buffer ahead, end and failure after the rest), without its Java-API stages. */
class ReadSinkTest {
    private static ActorTestKit kit;
    private static Materializer mat;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create();
        mat = Materializer.matFromSystem(kit.system());
    }

    @AfterAll
    static void stop() { kit.shutdownTestKit(); }

    private static <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(5, TimeUnit.SECONDS);
    }

    private static ByteString bytes(String s) { return ByteString.fromString(s); }

    @Test
    void everyPieceThenTheEndEvenWhenReadLongAfterTheStreamFinished() throws Exception {
        Pair<CompletionStage<Done>, ReadSink.Reader> m = Source.from(List.of(bytes("a"), bytes("b"), bytes("c")))
                .watchTermination(Keep.right()).toMat(Sink.fromGraph(new ReadSink()), Keep.both()).run(mat);
        m.first().toCompletableFuture().get(5, TimeUnit.SECONDS); // the stream has finished before the first read
        ReadSink.Reader r = m.second();
        assertEquals(Optional.of(bytes("a")), await(r.read()));
        assertEquals(Optional.of(bytes("b")), await(r.read()));
        assertEquals(Optional.of(bytes("c")), await(r.read()));
        assertEquals(Optional.empty(), await(r.read()));
        ExecutionException after = assertThrows(ExecutionException.class, () -> await(r.read()));
        assertEquals(io.winhttp4j.WinHttpError.ERROR_WINHTTP_CONNECTION_ERROR, Failures.map(after.getCause()));
    }

    @Test
    void aFailureComesAfterWhatArrivedBeforeIt() throws Exception {
        ReadSink.Reader r = Source.from(List.of(bytes("x"), bytes("!"))).map(b -> {
            if (b.utf8String().equals("!")) throw new IOException("reset");
            return b;
        }).runWith(Sink.fromGraph(new ReadSink()), mat);
        assertEquals(Optional.of(bytes("x")), await(r.read()));
        ExecutionException e = assertThrows(ExecutionException.class, () -> await(r.read()));
        assertEquals("reset", e.getCause().getMessage());
    }

    @Test
    void aReadWaitsForBytesAndCancelEndsIt() throws Exception {
        ReadSink.Reader r = Source.<ByteString>never().runWith(Sink.fromGraph(new ReadSink()), mat);
        CompletableFuture<Optional<ByteString>> waiting = r.read();
        assertFalse(waiting.isDone());
        CompletableFuture<Optional<ByteString>> second = r.read();
        assertInstanceOf(IllegalStateException.class, assertThrows(ExecutionException.class, () -> await(second)).getCause(),
                "one read at a time");
        r.cancel();
        assertThrows(ExecutionException.class, () -> await(waiting));
        assertThrows(ExecutionException.class, () -> await(r.read())); // the stage has stopped
    }
}
