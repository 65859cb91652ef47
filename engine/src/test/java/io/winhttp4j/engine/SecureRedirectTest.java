package io.winhttp4j.engine;

import io.winhttp4j.HInternet;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.engine.testkit.LocalHttpServer;
import io.winhttp4j.engine.testkit.RawServer;
import io.winhttp4j.engine.testkit.TestCertificates;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.ConnectionContext;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.Location;
import org.apache.pekko.stream.Materializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static io.winhttp4j.WinHttpConstants.*;
import static io.winhttp4j.engine.testkit.WinHttpAssertions.error;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A redirect from https to http follows REDIRECT_POLICY (CONFORMANCE 5.4): refused by default
 * (DISALLOW_HTTPS_TO_HTTP) with ERROR_WINHTTP_REDIRECT_FAILED, followed under ALWAYS, returned as
 * the response under NEVER. The https server is a Pekko HTTP server with a test-time certificate.
 */
class SecureRedirectTest {
    @TempDir
    static Path dir;
    static ActorTestKit kit;
    static WinHttpEngine winHttp;
    static RawServer plain;
    static ServerBinding https;

    @BeforeAll
    static void start() throws Exception {
        TestCertificates.Standard certs = TestCertificates.standard();
        kit = ActorTestKit.create("SecureRedirectTest", SecureRequestTest.trusting(dir, certs.ca().certificate()));
        winHttp = WinHttpEngine.embedded(kit.system());
        plain = RawServer.start(c -> {
            String head;
            while ((head = c.readRequestHead()) != null) c.write("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nlanded");
        });
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(TestCertificates.keyStore(certs.leaf()), TestCertificates.PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        Materializer mat = Materializer.matFromSystem(kit.system());
        String target = "http://" + RawServer.HOST + ":" + plain.port() + "/landed";
        https = Http.get(kit.system()).newServerAt(LocalHttpServer.HOST, 0)
                .enableHttps(ConnectionContext.httpsServer(() -> {
                    SSLEngine engine = context.createSSLEngine();
                    engine.setUseClientMode(false);
                    return engine;
                }))
                .bindSync(req -> {
                    req.discardEntityBytes(mat);
                    return HttpResponse.create().withStatus(StatusCodes.FOUND).addHeader(Location.create(target));
                }).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (winHttp != null) winHttp.close();
        if (https != null) https.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
        if (plain != null) plain.close();
        if (kit != null) kit.shutdownTestKit();
    }

    private static HInternet request(Integer policy) {
        HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
        if (policy != null) winHttp.setOption(s, WINHTTP_OPTION_REDIRECT_POLICY, policy);
        HInternet c = winHttp.connect(s, "localhost", https.localAddress().getPort());
        return winHttp.openRequest(c, "GET", "/go", null, null, null, WINHTTP_FLAG_SECURE);
    }

    @Test
    void byDefaultAnHttpsToHttpHopIsARedirectFailure() {
        int before = plain.connectionsAccepted();
        HInternet r = request(null);
        winHttp.sendRequest(r, null, null, 0, 0);
        assertEquals(WinHttpError.ERROR_WINHTTP_REDIRECT_FAILED, error(() -> winHttp.receiveResponse(r)));
        assertEquals(before, plain.connectionsAccepted(), "nothing went to the http server");
    }

    @Test
    void underAlwaysTheHopIsFollowed() {
        HInternet r = request(WINHTTP_OPTION_REDIRECT_POLICY_ALWAYS);
        winHttp.sendRequest(r, null, null, 0, 0);
        winHttp.receiveResponse(r);
        assertEquals(200, winHttp.queryHeadersNumber(r, WINHTTP_QUERY_STATUS_CODE, null, 0));
        byte[] buf = new byte[16];
        int n = winHttp.readData(r, buf, 0, buf.length);
        assertEquals("landed", new String(buf, 0, n, StandardCharsets.US_ASCII));
        assertEquals("http://" + RawServer.HOST + ":" + plain.port() + "/landed", winHttp.queryOption(r, WINHTTP_OPTION_URL));
    }

    @Test
    void underNeverTheRedirectIsTheResponse() {
        HInternet r = request(WINHTTP_OPTION_REDIRECT_POLICY_NEVER);
        winHttp.sendRequest(r, null, null, 0, 0);
        winHttp.receiveResponse(r);
        assertEquals(302, winHttp.queryHeadersNumber(r, WINHTTP_QUERY_STATUS_CODE, null, 0));
    }
}
