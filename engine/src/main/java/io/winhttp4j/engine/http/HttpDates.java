package io.winhttp4j.engine.http;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;

/** The three date forms HTTP allows (RFC 9110 5.6.7), read as UTC. */
public final class HttpDates {
    /**
     * RFC 850's two-digit year: one that would be more than 50 years ahead is taken as the most
     * recent past year with those digits (RFC 9110 5.6.7).
     */
    private static final DateTimeFormatter RFC_850 = new DateTimeFormatterBuilder()
            .appendPattern("EEEE, dd-MMM-")
            .appendValueReduced(ChronoField.YEAR, 2, 2, LocalDate.now(ZoneOffset.UTC).minusYears(49))
            .appendPattern(" HH:mm:ss zzz")
            .toFormatter(Locale.US);

    private static final List<DateTimeFormatter> FORMS = List.of(
            DateTimeFormatter.RFC_1123_DATE_TIME,
            RFC_850,
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
