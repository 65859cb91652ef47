package io.winhttp4j.engine.http;

/** A response's status line and headers, as the engine reports them through queryHeaders. */
public record ResponseHead(String version, int status, String reason, HeaderList headers) {
    public String statusLine() {
        return reason.isEmpty() ? version + " " + status : version + " " + status + " " + reason;
    }

    /** False when the server said it will close: "Connection: close", or HTTP/1.0 without keep-alive. */
    public boolean keepsAlive() {
        if (headers.hasToken("Connection", "close") || headers.hasToken("Proxy-Connection", "close")) return false;
        return !version.equals("HTTP/1.0") || headers.hasToken("Connection", "keep-alive");
    }

    public int wireSize() { return statusLine().length() + 2 + headers.wireSize(); }
}
