package io.winhttp4j.engine.http;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.winhttp4j.WinHttpConstants.*;

/**
 * The credentials one request holds, and the rule that merges its two sources (CONFORMANCE 5.5):
 * setCredentials, kept here per target and scheme, and the USERNAME / PASSWORD /
 * PROXY_USERNAME / PROXY_PASSWORD options, which stay in the option table and are copied in with
 * {@link #withOptions} just before each use. setCredentials wins for its scheme whatever the order
 * in which the two were set; the options never see setCredentials' values (nothing here writes
 * them). Immutable: the request keeps the current value.
 *
 * <p>Server credentials belong to the origin the request was opened for and go nowhere else
 * ({@link #mayGoTo}); proxy credentials go to the request's proxy only. Nothing here ever shows a
 * user name or password: not {@code toString}, not an exception message.
 */
public final class RequestCredentials {
    private final Origin origin;
    private final Map<AuthScheme, Credentials> server;
    private final Map<AuthScheme, Credentials> proxy;
    private final Credentials serverOptions;
    private final Credentials proxyOptions;

    private RequestCredentials(Origin origin, Map<AuthScheme, Credentials> server, Map<AuthScheme, Credentials> proxy,
                               Credentials serverOptions, Credentials proxyOptions) {
        this.origin = origin;
        this.server = server;
        this.proxy = proxy;
        this.serverOptions = serverOptions;
        this.proxyOptions = proxyOptions;
    }

    /** No credentials yet, for a request opened for this origin. */
    public static RequestCredentials none(Origin origin) {
        return new RequestCredentials(origin, Map.of(), Map.of(), null, null);
    }

    /**
     * WinHttpSetCredentials' parameter rules (CONFORMANCE 3.3, 5.5): exactly one known scheme, a
     * known target, and for BASIC and DIGEST both a user name and a password; NTLM, NEGOTIATE and
     * PASSPORT take null for both (the default credentials). Else ERROR_INVALID_PARAMETER.
     */
    public static void check(int target, int scheme, String user, String password) {
        AuthScheme s = AuthScheme.ofBit(scheme);
        if (s == null) throw invalid("setCredentials: 0x" + Integer.toHexString(scheme) + " is not one WINHTTP_AUTH_SCHEME_* value");
        if (target != WINHTTP_AUTH_TARGET_SERVER && target != WINHTTP_AUTH_TARGET_PROXY) {
            throw invalid("setCredentials: " + target + " is neither WINHTTP_AUTH_TARGET_SERVER nor _PROXY");
        }
        if ((s == AuthScheme.BASIC || s == AuthScheme.DIGEST) && (user == null || password == null)) {
            throw invalid("setCredentials: " + s.wireName + " needs a user name and a password");
        }
    }

    /** setCredentials: checked as {@link #check}; replaces what was set before for that target and scheme. */
    public RequestCredentials set(int target, int scheme, String user, String password) {
        check(target, scheme, user, password);
        // No user name means the default credentials (NTLM, Negotiate, Passport); a missing password is an empty one.
        Credentials c = user == null ? Credentials.DEFAULT : new Credentials(user, password == null ? "" : password);
        AuthScheme s = AuthScheme.ofBit(scheme);
        if (target == WINHTTP_AUTH_TARGET_SERVER) return new RequestCredentials(origin, with(server, s, c), proxy, serverOptions, proxyOptions);
        return new RequestCredentials(origin, server, with(proxy, s, c), serverOptions, proxyOptions);
    }

    /**
     * A copy that knows the option values now set (empty strings when unset, as the option table
     * stores them). Credentials from the options exist when the user name is not empty.
     */
    public RequestCredentials withOptions(String user, String password, String proxyUser, String proxyPassword) {
        return new RequestCredentials(origin, server, proxy, fromOptions(user, password), fromOptions(proxyUser, proxyPassword));
    }

    /** Whether server credentials may be sent to this origin: only to the one the request was opened for. */
    public boolean mayGoTo(Origin where) {
        return origin.equals(where);
    }

    Origin origin() {
        return origin;
    }

    /** What setCredentials gave for this target and scheme, or null. */
    Credentials setFor(int target, AuthScheme scheme) {
        return (target == WINHTTP_AUTH_TARGET_SERVER ? server : proxy).get(scheme);
    }

    /** One scheme with the credentials to answer it, in the order the authenticator tries them. */
    record Candidate(AuthScheme scheme, Credentials credentials) {}

    /**
     * The schemes of {@code offered} this request has credentials for at {@code where}, each
     * once: first those given to setCredentials, then, for the others, the options' user name and
     * password; each group strongest first (AuthScheme.PREFERENCE). Empty for server credentials
     * at another origin.
     */
    List<Candidate> candidates(int target, Set<AuthScheme> offered, Origin where) {
        List<Candidate> out = new ArrayList<>();
        if (target == WINHTTP_AUTH_TARGET_SERVER && !mayGoTo(where)) return out;
        Map<AuthScheme, Credentials> set = target == WINHTTP_AUTH_TARGET_SERVER ? server : proxy;
        for (AuthScheme s : AuthScheme.PREFERENCE) {
            if (offered.contains(s) && set.containsKey(s)) out.add(new Candidate(s, set.get(s)));
        }
        Credentials options = target == WINHTTP_AUTH_TARGET_SERVER ? serverOptions : proxyOptions;
        if (options != null) {
            for (AuthScheme s : AuthScheme.PREFERENCE) {
                if (offered.contains(s) && !set.containsKey(s)) out.add(new Candidate(s, options));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "RequestCredentials[origin=" + origin + ", server=" + server.keySet() + (serverOptions != null ? " +options" : "")
                + ", proxy=" + proxy.keySet() + (proxyOptions != null ? " +options" : "") + "]";
    }

    private static Map<AuthScheme, Credentials> with(Map<AuthScheme, Credentials> m, AuthScheme s, Credentials c) {
        EnumMap<AuthScheme, Credentials> copy = new EnumMap<>(AuthScheme.class);
        copy.putAll(m);
        copy.put(s, c);
        return copy;
    }

    private static Credentials fromOptions(String user, String password) {
        if (user == null || user.isEmpty()) return null;
        return new Credentials(user, password == null ? "" : password);
    }

    private static WinHttpException invalid(String detail) {
        return new WinHttpException(WinHttpError.ERROR_INVALID_PARAMETER, detail);
    }
}
