package io.winhttp4j.engine.handle;

import java.util.HashMap;
import java.util.Map;

/** A handle's option values: immutable, replaced whole on every change (changes are rare). */
public final class OptionValues {
    public static final OptionValues EMPTY = new OptionValues(Map.of());

    private final Map<Integer, Object> values;

    private OptionValues(Map<Integer, Object> values) {
        this.values = values;
    }

    public Object get(int option) {
        Object v = values.get(option);
        return v != null ? v : Options.defaultOf(option);
    }

    public int dword(int option) { return (Integer) get(option); }

    public OptionValues with(int option, Object value) {
        Map<Integer, Object> copy = new HashMap<>(values);
        copy.put(option, value);
        return new OptionValues(Map.copyOf(copy));
    }

    /** Options a child copies from its parent when it is opened (timeouts, limits). */
    public OptionValues inheritable() {
        Map<Integer, Object> copy = new HashMap<>();
        values.forEach((k, v) -> {
            if (Options.inherited(k)) copy.put(k, v);
        });
        return copy.isEmpty() ? EMPTY : new OptionValues(Map.copyOf(copy));
    }
}
