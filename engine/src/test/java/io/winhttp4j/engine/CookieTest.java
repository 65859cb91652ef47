package io.winhttp4j.engine;

import io.winhttp4j.HInternet;
import io.winhttp4j.engine.testkit.EngineTestBase;
import io.winhttp4j.engine.testkit.LocalHttpServer;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.HttpCookie;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.model.headers.SetCookie;
import org.apache.pekko.stream.Materializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The session's cookie jar end to end (CONFORMANCE 5.10, engine/README.md "Cookies"), both modes,
 * on a Pekko HTTP server. Routes (also under /p, /p/x and /pq): {@code set?c=V} answers with one
 * Set-Cookie: V per c; {@code show} answers the Cookie header it got, "(none)" without one;
 * {@code setredirect?c=V&to=T} is a 302 to T with those Set-Cookie headers; {@code challenge?c=V}
 * a 401 with them.
 */
class CookieTest extends EngineTestBase {
    static LocalHttpServer jarServer;

    @BeforeAll
    static void startJarServer() {
        Materializer mat = Materializer.matFromSystem(kit.system());
        Map<String, LocalHttpServer.Handler> routes = new HashMap<>();
        for (String dir : new String[] {"", "/p", "/p/x", "/pq"}) {
            routes.put(dir + "/set", r -> answer(r, mat, 200, "set", setCookies(r)));
            routes.put(dir + "/show", r -> answer(r, mat, 200,
                    r.getHeader("Cookie").map(HttpHeader::value).orElse("(none)"), List.of()));
        }
        routes.put("/setredirect", r -> {
            List<HttpHeader> h = new ArrayList<>(setCookies(r));
            h.add(RawHeader.create("Location", r.getUri().query().get("to").orElse("/show")));
            return answer(r, mat, 302, "moved", h);
        });
        routes.put("/challenge", r -> answer(r, mat, 401, "who are you", setCookies(r)));
        // Pekko's own model of the header, attributes and all
        routes.put("/pekko", r -> answer(r, mat, 200, "set",
                List.of(SetCookie.create(HttpCookie.create("typed", "yes").withPath("/")))));
        jarServer = LocalHttpServer.start(kit.system(), routes);
    }

    @AfterAll
    static void stopJarServer() {
        if (jarServer != null) jarServer.close();
    }

    static List<HttpHeader> setCookies(HttpRequest r) {
        List<HttpHeader> h = new ArrayList<>();
        for (var p : r.getUri().query().toList()) { // in the order of the query (getAll's is not)
            if (p.first().equals("c")) h.add(RawHeader.create("Set-Cookie", p.second()));
        }
        return h;
    }

    static CompletionStage<HttpResponse> answer(HttpRequest r, Materializer mat, int status, String body,
                                                List<HttpHeader> headers) {
        return r.discardEntityBytes(mat).completionStage().thenApply(done -> HttpResponse.create()
                .withStatus(StatusCodes.get(status))
                .withEntity(HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, body))
                .addHeaders(headers));
    }

    static String set(String... cookies) {
        StringBuilder b = new StringBuilder("set");
        char sep = '?';
        for (String c : cookies) {
            b.append(sep).append("c=").append(URLEncoder.encode(c, StandardCharsets.UTF_8));
            sep = '&';
        }
        return b.toString();
    }

    /** One request on its own connect handle of the session: its body. */
    static String get(Driven d, String path) throws Exception {
        return get(d, path, null, 0);
    }

    static String get(Driven d, String path, String headers, int disable) throws Exception {
        HInternet c = d.connect(jarServer.host(), jarServer.port());
        HInternet r = d.request(c, "GET", path);
        if (disable != 0) winHttp.setOption(r, WINHTTP_OPTION_DISABLE_FEATURE, disable);
        d.send(r, headers);
        return d.text(r);
    }

    // ---- the jar of a session -------------------------------------------------------------------

    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void setThenSentByTheSameSessionOnlyThroughAnyConnect(boolean async) throws Exception {
        try (Driven d = new Driven(winHttp, async, "cookies"); Driven other = new Driven(winHttp, async, "cookies")) {
            assertEquals("(none)", get(d, "/show"), "a new session starts with no cookies");
            get(d, "/" + set("a=1"));
            assertEquals("a=1", get(d, "/show"), "sent by the next request of the session (a new connect handle)");
            assertEquals("(none)", get(other, "/show"), "never by another session");
            get(d, "/pekko");
            assertEquals("typed=yes; a=1", get(d, "/show"), "newest first");
        }
    }

    /** CONFORMANCE 5.10's sequence: names case-sensitive, blanks trimmed, newest first, the caller's first. */
    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void windowsCookieSequence(boolean async) throws Exception {
        try (Driven d = new Driven(winHttp, async, "cookies")) {
            get(d, "/" + set("name = value "));
            get(d, "/" + set("NAME = value "));
            assertEquals("NAME=value; name=value", get(d, "/show"));
            HInternet c = d.connect(jarServer.host(), jarServer.port());
            HInternet r = d.request(c, "GET", "/show");
            winHttp.addRequestHeaders(r, "Cookie: name=value2", WINHTTP_ADDREQ_FLAG_ADD);
            d.send(r, null);
            assertEquals("name=value2; NAME=value; name=value", d.text(r));
            assertEquals("name=value2; NAME=value; name=value",
                    winHttp.queryHeaders(r, WINHTTP_QUERY_COOKIE | WINHTTP_QUERY_FLAG_REQUEST_HEADERS, null, 0),
                    "the request headers show the Cookie header that was sent");
            // sent again on the same handle: the jar's cookies once, after the caller's, not twice
            d.send(r, null);
            assertEquals("name=value2; NAME=value; name=value", d.text(r));
        }
    }

    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void pathRules(boolean async) throws Exception {
        try (Driven d = new Driven(winHttp, async, "cookies")) {
            get(d, "/p/" + set("explicit=1; Path=/p", "dflt=2")); // default path: /p
            get(d, "/p/x/" + set("deep=3; Path=/p/x"));
            assertEquals("(none)", get(d, "/show"));
            assertEquals("(none)", get(d, "/pq/show"), "/p is not a prefix of /pq at a '/'");
            assertEquals("dflt=2; explicit=1", get(d, "/p/show"), "newest first");
            assertEquals("deep=3; dflt=2; explicit=1", get(d, "/p/x/show"), "longer paths first");
        }
    }

    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void domainSecureAndExpiryRules(boolean async) throws Exception {
        try (Driven d = new Driven(winHttp, async, "cookies")) {
            get(d, "/" + set("own=1; Domain=127.0.0.1", "foreign=2; Domain=example.com", "secure=3; Secure",
                    "old=4; Expires=Wed, 13 Jan 2021 22:23:01 GMT", "later=5; Max-Age=3600"));
            assertEquals("later=5; own=1", get(d, "/show"),
                    "an address Domain that is the host counts; another domain is refused; Secure only over https; expired not sent");
            get(d, "/" + set("later=5; Max-Age=0"));
            assertEquals("own=1", get(d, "/show"), "Max-Age=0 deletes the cookie");
            get(d, "/" + set("own=gone; Domain=127.0.0.1; Expires=Thu, 01 Jan 1970 00:00:01 GMT"));
            assertEquals("(none)", get(d, "/show"), "a past Expires deletes it too");
        }
    }

    // ---- redirects ----------------------------------------------------------------------------------

    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void aRedirectSetsACookieAndTheNextHopSendsIt(boolean async) throws Exception {
        try (Driven d = new Driven(winHttp, async, "cookies")) {
            get(d, "/" + set("before=0"));
            String chain = "/setredirect?c=hop%3D1&to=" + URLEncoder.encode("/setredirect?c=hop2%3D2&to=/show", StandardCharsets.UTF_8);
            assertEquals("mine=x; hop2=2; hop=1; before=0", get(d, chain, "Cookie: mine=x", 0),
                    "each hop's cookies are stored before the next hop goes, and sent once each");
        }
    }

    /** Each hop's cookies are those of its own destination: a Path=/p cookie goes to /p/show, not to /show. */
    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void eachHopSendsTheCookiesOfItsOwnPath(boolean async) throws Exception {
        try (Driven d = new Driven(winHttp, async, "cookies")) {
            String scoped = URLEncoder.encode("scoped=1; Path=/p", StandardCharsets.UTF_8);
            assertEquals("scoped=1", get(d, "/setredirect?c=" + scoped + "&to=/p/show"));
            assertEquals("(none)", get(d, "/setredirect?c=" + scoped + "&to=/show"));
        }
    }

    /** A challenge is a response like any other: its cookies are kept (a login page's session cookie). */
    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void aChallengesCookiesAreStored(boolean async) throws Exception {
        try (Driven d = new Driven(winHttp, async, "cookies")) {
            get(d, "/challenge?c=" + URLEncoder.encode("session=42", StandardCharsets.UTF_8));
            assertEquals("session=42", get(d, "/show"));
        }
    }

    // ---- WINHTTP_DISABLE_COOKIES --------------------------------------------------------------------

    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void disableCookiesNeitherStoresNorSends(boolean async) throws Exception {
        try (Driven d = new Driven(winHttp, async, "cookies")) {
            get(d, "/" + set("kept=1"));
            assertEquals("(none)", get(d, "/" + "show", null, WINHTTP_DISABLE_COOKIES), "not sent");
            assertEquals("mine=2", get(d, "/show", "Cookie: mine=2", WINHTTP_DISABLE_COOKIES),
                    "the application's own Cookie header still goes");
            get(d, "/" + set("ignored=1"), null, WINHTTP_DISABLE_COOKIES);
            get(d, "/setredirect?c=alsoIgnored%3D1&to=/hello", null, WINHTTP_DISABLE_COOKIES);
            assertEquals("kept=1", get(d, "/show"), "not stored, from a redirect neither");
        }
    }
}
