package io.winhttp4j.testkit;

import io.winhttp4j.Notification;
import io.winhttp4j.WinHttp;
import io.winhttp4j.engine.WinHttpEngine;

import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension for tests of code written against {@link WinHttp}: per test class, one
 * Pekko {@link ActorTestKit}, one engine embedded in its actor system and one local
 * {@link TestServer}; per test, a fresh {@link NotificationProbe} (a {@code TestProbe} of
 * notifications installed through {@code ActorSubscriber}) for every parameter that asks for one.
 * Test methods (and constructors, {@code @BeforeEach} and {@code @BeforeAll} methods) declare
 * what they need as parameters: {@code WinHttp}, {@code TestServer}, {@code ActorTestKit},
 * {@code NotificationProbe}. Before each test the server forgets its routes and requests; after
 * the class everything is closed: the engine first (so every handle sends HANDLE_CLOSING), then
 * the server, then the test kit.
 *
 * <p>A worked example: a synchronous GET whose notifications form the sequence CONFORMANCE's
 * table gives, and what the server saw.
 *
 * <pre>{@code
 * @ExtendWith(WinHttpTestKit.class)
 * class GreetingTest {
 *     @Test
 *     void getsTheGreeting(WinHttp winHttp, TestServer server, NotificationProbe probe) throws Exception {
 *         server.respond("/hello", 200, "hi");
 *         HInternet session = winHttp.open("test", WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
 *         winHttp.setStatusCallback(session, probe.callback(), WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS);
 *         HInternet connect = winHttp.connect(session, server.host(), server.port());
 *         HInternet request = winHttp.openRequest(connect, "GET", "/hello", null, null, null, 0);
 *         winHttp.sendRequest(request, null, null, 0, 0);
 *         winHttp.receiveResponse(request);
 *         byte[] body = new byte[16];
 *         assertEquals(2, winHttp.readData(request, body, 0, body.length));
 *         winHttp.closeHandle(request);
 *
 *         probe.expectSequenceUntilClosed(request, Sequence.of(
 *                 one(WINHTTP_CALLBACK_STATUS_HANDLE_CREATED),
 *                 optional(WINHTTP_CALLBACK_STATUS_RESOLVING_NAME), optional(WINHTTP_CALLBACK_STATUS_NAME_RESOLVED),
 *                 one(WINHTTP_CALLBACK_STATUS_CONNECTING_TO_SERVER), one(WINHTTP_CALLBACK_STATUS_CONNECTED_TO_SERVER),
 *                 one(WINHTTP_CALLBACK_STATUS_SENDING_REQUEST), one(WINHTTP_CALLBACK_STATUS_REQUEST_SENT),
 *                 one(WINHTTP_CALLBACK_STATUS_RECEIVING_RESPONSE), one(WINHTTP_CALLBACK_STATUS_RESPONSE_RECEIVED),
 *                 anyNumber(WINHTTP_CALLBACK_STATUS_RECEIVING_RESPONSE), anyNumber(WINHTTP_CALLBACK_STATUS_RESPONSE_RECEIVED),
 *                 one(WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING)));
 *         assertEquals("GET", server.takeRequest(Duration.ofSeconds(5)).method());
 *         winHttp.closeHandle(connect);
 *         winHttp.closeHandle(session);
 *     }
 * }
 * }</pre>
 */
public final class WinHttpTestKit implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(WinHttpTestKit.class);
    private static final String KEY = "resources";

    /** What one test class shares; the class's store closes it (an AutoCloseable), in dependency order. */
    private static final class Resources implements AutoCloseable {
        final ActorTestKit testKit;
        final WinHttpEngine engine;
        final TestServer server;

        Resources() throws Exception {
            testKit = ActorTestKit.create();
            engine = WinHttpEngine.embedded(testKit.system());
            server = TestServer.start(testKit.system());
        }

        @Override
        public void close() throws java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException {
            try {
                engine.close();
                server.close();
            } finally {
                testKit.shutdownTestKit();
            }
        }
    }

    /** Creates the class's test kit, engine and server. */
    @Override
    public void beforeAll(ExtensionContext context) {
        resources(context);
    }

    /** The class store closes the resources; nothing else to do. */
    @Override
    public void afterAll(ExtensionContext context) {
        // closed by the store, as a CloseableResource, when the class context ends
    }

    /** Each test starts with a server without routes or recorded requests. */
    @Override
    public void beforeEach(ExtensionContext context) {
        resources(context).server.reset();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == WinHttp.class || type == WinHttpEngine.class || type == TestServer.class
                || type == ActorTestKit.class || type == NotificationProbe.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Resources r = resources(context);
        Class<?> type = parameter.getParameter().getType();
        if (type == WinHttp.class || type == WinHttpEngine.class) {
            return r.engine;
        }
        if (type == TestServer.class) {
            return r.server;
        }
        if (type == ActorTestKit.class) {
            return r.testKit;
        }
        if (type == NotificationProbe.class) {
            return new NotificationProbe(r.testKit.createTestProbe(Notification.class));
        }
        throw new ParameterResolutionException("WinHttpTestKit cannot supply a " + type.getName());
    }

    private static Resources resources(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getParent().isPresent() && classContext.getTestMethod().isPresent()) {
            classContext = classContext.getParent().get();
        }
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(KEY, k -> {
            try {
                return new Resources();
            } catch (Exception e) {
                throw new IllegalStateException("the WinHTTP test kit could not start", e);
            }
        }, Resources.class);
    }
}
