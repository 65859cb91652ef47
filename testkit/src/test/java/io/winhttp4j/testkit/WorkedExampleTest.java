package io.winhttp4j.testkit;

import static io.winhttp4j.WinHttpConstants.*;
import static io.winhttp4j.testkit.Step.anyNumber;
import static io.winhttp4j.testkit.Step.one;
import static io.winhttp4j.testkit.Step.optional;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import io.winhttp4j.HInternet;
import io.winhttp4j.WinHttp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The example of WinHttpTestKit's javadoc, as written there, so the documentation stays true. */
@ExtendWith(WinHttpTestKit.class)
class WorkedExampleTest {
    @Test
    void getsTheGreeting(WinHttp winHttp, TestServer server, NotificationProbe probe) throws Exception {
        server.respond("/hello", 200, "hi");
        HInternet session = winHttp.open("test", WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
        winHttp.setStatusCallback(session, probe.callback(), WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS);
        HInternet connect = winHttp.connect(session, server.host(), server.port());
        HInternet request = winHttp.openRequest(connect, "GET", "/hello", null, null, null, 0);
        winHttp.sendRequest(request, null, null, 0, 0);
        winHttp.receiveResponse(request);
        byte[] body = new byte[16];
        assertEquals(2, winHttp.readData(request, body, 0, body.length));
        winHttp.closeHandle(request);

        probe.expectSequenceUntilClosed(request, Sequence.of(
                one(WINHTTP_CALLBACK_STATUS_HANDLE_CREATED),
                optional(WINHTTP_CALLBACK_STATUS_RESOLVING_NAME), optional(WINHTTP_CALLBACK_STATUS_NAME_RESOLVED),
                one(WINHTTP_CALLBACK_STATUS_CONNECTING_TO_SERVER), one(WINHTTP_CALLBACK_STATUS_CONNECTED_TO_SERVER),
                one(WINHTTP_CALLBACK_STATUS_SENDING_REQUEST), one(WINHTTP_CALLBACK_STATUS_REQUEST_SENT),
                one(WINHTTP_CALLBACK_STATUS_RECEIVING_RESPONSE), one(WINHTTP_CALLBACK_STATUS_RESPONSE_RECEIVED),
                anyNumber(WINHTTP_CALLBACK_STATUS_RECEIVING_RESPONSE), anyNumber(WINHTTP_CALLBACK_STATUS_RESPONSE_RECEIVED),
                one(WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING)));
        assertEquals("GET", server.takeRequest(Duration.ofSeconds(5)).method());
        winHttp.closeHandle(connect);
        winHttp.closeHandle(session);
    }
}
