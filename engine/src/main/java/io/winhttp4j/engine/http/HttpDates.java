package io.winhttp4j.engine.http;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/** The three date forms HTTP allows (RFC 9110 5.6.7), read as UTC. */
public final class HttpDates {
    private static final List<DateTimeFormatter> FORMS = List.of(
            DateTimeFormatter.RFC_1123_DATE_TIME,
            DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss zzz", Locale.US),
            DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.US).withZone(ZoneOffset.UTC));

    private HttpDates() {}

    public static ZonedDateTime parse(String value) {
        String v = value.trim().replaceAll("\\s+", " ");
        for (DateTimeFormatter f : FORMS) {
            try {
                return ZonedDateTime.parse(v, f).withZoneSameInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException ignored) {
                // try the next form
            }
        }
        throw new WinHttpException(WinHttpError.ERROR_WINHTTP_INVALID_QUERY_REQUEST, "\"" + value + "\" is not an HTTP date");
    }
}
