package io.winhttp4j.engine.http;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;

/**
 * The one rule for text that becomes request-line or header bytes. WinHTTP sends that text as
 * ISO-8859-1, one byte per character, so:
 * <ul>
 *   <li>a character above U+00FF (a lone surrogate is one) has no byte and is refused: it is
 *       never cut down to its low byte, which is how U+010D U+010A became CR LF;</li>
 *   <li>control characters (U+0000-U+001F) and DEL are refused, but HTAB inside a header value,
 *       so that nothing except the framing's CRLF ends a line;</li>
 *   <li>the verb and header names are RFC 9110 tokens; the request target is visible ASCII (the
 *       escaping of {@link PathEscaper} produces nothing else).</li>
 * </ul>
 * The transport renders each character as its low byte (transport.Wire); for text that passed
 * this rule that is exactly its ISO-8859-1 encoding, so what was checked is what goes out. Parameters
 * of open, openRequest and connect are refused with ERROR_INVALID_PARAMETER, header text passed
 * to addRequestHeaders or sendRequest with ERROR_WINHTTP_INVALID_HEADER (as WinHTTP refuses a
 * header line it cannot parse).
 */
public final class WireText {
    /** RFC 9110 tchar by character code (ASCII only): the one table, the response decoder's too. */
    private static final boolean[] TCHAR = new boolean[128];

    static {
        for (char c = 0x21; c < 0x7f; c++) TCHAR[c] = "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }

    private WireText() {}

    /** RFC 9110 token (section 5.6.2): visible ASCII without separators, at least one. */
    public static boolean isToken(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) return false;
        }
        return true;
    }

    /** RFC 9110 tchar: one character of a token. */
    public static boolean isTokenChar(char c) {
        return c < 0x80 && TCHAR[c];
    }

    /** Why this text cannot be a header value, or null if it can. */
    public static String valueProblem(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0xFF) return describe(s, i) + " has no ISO-8859-1 byte";
            if ((c < 0x20 && c != '\t') || c == 0x7f) return "control character " + describe(s, i);
        }
        return null;
    }

    /** The verb of openRequest: "GET" for null or "", else a token. */
    public static String verb(String verb) {
        if (verb == null || verb.isEmpty()) return "GET";
        if (!isToken(verb)) throw invalidParameter("openRequest: the verb \"" + shown(verb) + "\" is not an HTTP token");
        return verb;
    }

    /** The version of openRequest: "HTTP/1.1" for null or "", else HTTP/1.0 or HTTP/1.1 (what the engine speaks). */
    public static String version(String version) {
        if (version == null || version.isEmpty()) return "HTTP/1.1";
        return version("openRequest", version);
    }

    /** HTTP/1.0 or HTTP/1.1 in any case, as the engine writes it; api names the call for the error. */
    public static String version(String api, String version) {
        if (version.equalsIgnoreCase("HTTP/1.1")) return "HTTP/1.1";
        if (version.equalsIgnoreCase("HTTP/1.0")) return "HTTP/1.0";
        throw invalidParameter(api + ": version \"" + shown(version) + "\" is neither HTTP/1.0 nor HTTP/1.1");
    }

    /** A request target: visible ASCII only (what the escaping produced, or a rule broke). */
    public static String requestTarget(String target) {
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw invalidParameter("openRequest: the request target cannot carry " + describe(target, i));
            }
        }
        return target;
    }

    /** A parameter that becomes a header value (user agent, referrer, an accept type); null stays null. */
    public static String parameterValue(String api, String what, String value) {
        if (value == null) return null;
        String problem = valueProblem(value);
        if (problem != null) throw invalidParameter(api + ": the " + what + " cannot be sent: " + problem);
        return value;
    }

    /** A header line given as text (addRequestHeaders, sendRequest): a token name and a sendable value. */
    public static Header header(String name, String value) {
        return check(new Header(name, value));
    }

    /** The same for a header about to be sent, whatever path it came by. */
    public static Header check(Header h) {
        if (!isToken(h.name())) throw invalidHeader("bad header name: \"" + shown(h.name()) + "\"");
        String problem = valueProblem(h.value());
        if (problem != null) throw invalidHeader("the value of " + h.name() + " cannot be sent: " + problem);
        return h;
    }

    /** The text with controls and non-ASCII characters written as \\uXXXX, for messages. */
    public static String shown(String s) {
        int max = Math.min(s.length(), 200);
        StringBuilder sb = new StringBuilder(max + 16);
        for (int i = 0; i < max; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7f) sb.append(String.format("\\u%04X", (int) c)); else sb.append(c);
        }
        if (max < s.length()) sb.append("... (").append(s.length()).append(" characters)");
        return sb.toString();
    }

    private static String describe(String s, int i) {
        return String.format("U+%04X at index %d", (int) s.charAt(i), i);
    }

    private static WinHttpException invalidParameter(String detail) {
        return new WinHttpException(WinHttpError.ERROR_INVALID_PARAMETER, detail);
    }

    private static WinHttpException invalidHeader(String detail) {
        return new WinHttpException(WinHttpError.ERROR_WINHTTP_INVALID_HEADER, detail);
    }
}
