package io.winhttp4j.engine.handle;

import io.winhttp4j.ProxyInfo;

import java.util.HashMap;
import java.util.Map;

import static io.winhttp4j.WinHttpConstants.*;

/**
 * A handle's option values: only those set (or inherited); the rest read as the table's
 * default. Immutable, replaced whole on every change (changes are rare).
 */
public final class OptionValues {
    public static final OptionValues EMPTY = new OptionValues(Map.of());
    /** A value set to null (CLIENT_CERT_CONTEXT's WINHTTP_NO_CLIENT_CERT_CONTEXT), which is not the default. */
    private static final Object NULL = new Object();

    private final Map<Integer, Object> values;

    private OptionValues(Map<Integer, Object> values) {
        this.values = values;
    }

    /** A new session's values: what open() was given. Proxy name and bypass count for NAMED_PROXY only, as in WinHTTP. */
    public static OptionValues forSession(String agent, int accessType, String proxy, String bypass) {
        boolean named = accessType == WINHTTP_ACCESS_TYPE_NAMED_PROXY;
        return EMPTY.with(WINHTTP_OPTION_USER_AGENT, agent == null ? "" : agent)
                .with(WINHTTP_OPTION_PROXY, new ProxyInfo(accessType, named ? proxy : null, named ? bypass : null));
    }

    public Object get(int option) {
        Object v = values.get(option);
        return v == NULL ? null : v != null ? v : Options.defaultOf(option);
    }

    public int dword(int option) { return (Integer) get(option); }

    /** True when the option was given a value (null included), not left at its default. */
    public boolean isSet(int option) { return values.containsKey(option); }

    public OptionValues with(int option, Object value) {
        Map<Integer, Object> copy = new HashMap<>(values);
        copy.put(option, value == null ? NULL : value);
        return new OptionValues(Map.copyOf(copy));
    }

    /** A setOption: the value replaces the current one, or is ORed into it (the feature switches). */
    OptionValues set(int option, Object value) {
        return with(option, Options.combine(option, get(option), value));
    }

    /** What a connect copies from its session when it is made. */
    OptionValues forConnect() {
        return only(Options.Inherit.THROUGH_CONNECT);
    }

    /**
     * What a request copies when it is opened: its session's current values of the options it
     * inherits from the session, and its connect's of those that pass through the connect.
     */
    static OptionValues forRequest(OptionValues session, OptionValues connect) {
        Map<Integer, Object> copy = new HashMap<>(session.only(Options.Inherit.SESSION).values);
        copy.putAll(connect.only(Options.Inherit.THROUGH_CONNECT).values);
        return copy.isEmpty() ? EMPTY : new OptionValues(Map.copyOf(copy));
    }

    private OptionValues only(Options.Inherit how) {
        Map<Integer, Object> copy = new HashMap<>();
        values.forEach((k, v) -> {
            if (Options.inheritOf(k) == how) copy.put(k, v);
        });
        return copy.isEmpty() ? EMPTY : new OptionValues(Map.copyOf(copy));
    }
}
