package io.winhttp4j.engine;

import io.winhttp4j.HInternet;
import io.winhttp4j.Notification;
import io.winhttp4j.StatusInfo;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.testkit.Bounded;
import io.winhttp4j.engine.testkit.EngineTestBase;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Server names at send time: IPv6 literals connect; a name the connection setup refuses fails the request, never hangs it. */
class ServerNameTest extends EngineTestBase {
    static final Duration WAIT = Duration.ofSeconds(10);

    /** A Pekko HTTP server on [::1] that answers every request with the Host header it got. */
    static ServerBinding bindOnIpv6Loopback() {
        try {
            return Http.get(kit.system()).newServerAt("::1", 0)
                    .bindSync((HttpRequest r) -> HttpResponse.create().withEntity(
                            r.getHeader("Host").map(h -> h.value()).orElse("no Host")))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            assumeTrue(false, "no IPv6 loopback here: " + e);
            return null;
        }
    }

    @Test
    void anIpv6LoopbackLiteralConnectsWithOrWithoutBrackets() throws Exception {
        ServerBinding v6 = bindOnIpv6Loopback();
        try {
            int port = v6.localAddress().getPort();
            for (String name : new String[] {"::1", "[::1]"}) {
                TestProbe<Notification> probe = kit.createTestProbe();
                HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
                try {
                    Bounded.run(WAIT, name, () -> {
                    winHttp.setStatusCallback(s, ActorSubscriber.of(probe.ref()), WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS);
                    HInternet c = winHttp.connect(s, name, port);
                    HInternet r = winHttp.openRequest(c, "GET", "/v6", null, null, null, 0);
                    // both spellings are one server ("[::1]"): no keep-alive, so each really connects
                    winHttp.setOption(r, WINHTTP_OPTION_DISABLE_FEATURE, WINHTTP_DISABLE_KEEP_ALIVE);
                    winHttp.sendRequest(r, null, null, 0, 0);
                    winHttp.receiveResponse(r);
                    assertEquals(200, winHttp.queryHeadersNumber(r, WINHTTP_QUERY_STATUS_CODE, null, 0), name);
                    byte[] buf = new byte[256];
                    int n = winHttp.readData(r, buf, 0, buf.length);
                    assertEquals("[::1]:" + port, new String(buf, 0, n, StandardCharsets.US_ASCII), name + ": the Host header");
                    List<String> addresses = new ArrayList<>();
                    Notification x;
                    while ((x = probe.expectMessageClass(Notification.class, WAIT)).status() != WINHTTP_CALLBACK_STATUS_RESPONSE_RECEIVED) {
                        if (x.info() instanceof StatusInfo.ServerAddress a) addresses.add(statusName(x.status()) + " " + a.ip());
                    }
                    assertTrue(addresses.contains("CONNECTED_TO_SERVER ::1"), name + ": " + addresses);
                    });
                } finally {
                    winHttp.closeHandle(s);
                }
            }
        } finally {
            v6.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Names the connection setup cannot use. connect may refuse them (ERROR_INVALID_PARAMETER);
     * if it takes them, the request fails with REQUEST_ERROR, in bounded time, instead of hanging.
     */
    @Test
    void aNameTheConnectionCannotUseFailsTheRequestInsteadOfHangingIt() {
        for (String name : new String[] {"a b", "%", "a b".repeat(350_000)}) {
            String shown = name.length() > 20 ? name.substring(0, 20) + "…" : name;
            TestProbe<Notification> probe = kit.createTestProbe();
            HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, WINHTTP_FLAG_ASYNC);
            try {
                HInternet c;
                try {
                    c = winHttp.connect(s, name, server.port());
                } catch (WinHttpException refused) {
                    assertEquals(WinHttpError.ERROR_INVALID_PARAMETER, refused.error(), shown);
                    continue;
                }
                HInternet r = winHttp.openRequest(c, "GET", "/hello", null, null, null, 0);
                winHttp.setStatusCallback(r, ActorSubscriber.of(probe.ref()),
                        WINHTTP_CALLBACK_FLAG_SENDREQUEST_COMPLETE | WINHTTP_CALLBACK_FLAG_REQUEST_ERROR);
                winHttp.sendRequest(r, null, null, 0, 0);
                Notification n = probe.expectMessageClass(Notification.class, WAIT);
                assertEquals(WINHTTP_CALLBACK_STATUS_REQUEST_ERROR, n.status(), shown + ": " + n);
                StatusInfo.AsyncResult a = (StatusInfo.AsyncResult) n.info();
                assertEquals(API_SEND_REQUEST, a.api(), shown);
                assertEquals(WinHttpError.ERROR_WINHTTP_NAME_NOT_RESOLVED, a.error(), shown);
            } finally {
                winHttp.closeHandle(s);
            }
        }
    }
}
