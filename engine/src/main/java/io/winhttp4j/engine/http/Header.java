package io.winhttp4j.engine.http;

/** One header line as WinHTTP keeps it: the name as given, the value as given. */
public record Header(String name, String value) {
    public boolean is(String other) {
        return name.equalsIgnoreCase(other);
    }
}
