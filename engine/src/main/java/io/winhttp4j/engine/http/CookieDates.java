package io.winhttp4j.engine.http;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The date of a cookie's Expires attribute, read with RFC 6265 5.1.1's algorithm, not HTTP's
 * three date forms ({@link HttpDates}): servers mostly send Netscape's "Wed, 09-Jun-2021
 * 10:18:14 GMT", which is none of those, and RFC 6265 reads every form by its tokens (a time, a
 * day of month, a month name, a year), in any order, two-digit years 70-99 as 19xx and 00-69 as
 * 20xx. A date it cannot read is null: the attribute is then ignored, never an error.
 */
final class CookieDates {
    private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};

    private CookieDates() {}

    static Instant parse(String date) {
        int hour = -1, minute = -1, second = -1, day = -1, month = -1, year = -1;
        int n = date.length();
        int i = 0;
        while (i < n) {
            while (i < n && isDelimiter(date.charAt(i))) i++;
            int start = i;
            while (i < n && !isDelimiter(date.charAt(i))) i++;
            if (start == i) continue;
            String token = date.substring(start, i);
            int[] hms;
            if (hour < 0 && (hms = time(token)) != null) {
                hour = hms[0];
                minute = hms[1];
                second = hms[2];
            } else if (day < 0 && digits(token, 1, 2) >= 0) {
                day = digits(token, 1, 2);
            } else if (month < 0 && month(token) >= 0) {
                month = month(token);
            } else if (year < 0 && digits(token, 2, 4) >= 0) {
                year = digits(token, 2, 4);
            }
        }
        if (year >= 70 && year <= 99) year += 1900;
        else if (year >= 0 && year <= 69) year += 2000;
        if (hour < 0 || day < 1 || day > 31 || month < 0 || year < 1601 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month + 1, day, hour, minute, second).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null; // "Feb 30": no such date
        }
    }

    /** RFC 6265 delimiter: %x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E. */
    private static boolean isDelimiter(char c) {
        return c == 0x09 || (c >= 0x20 && c <= 0x2f) || (c >= 0x3b && c <= 0x40) || (c >= 0x5b && c <= 0x60)
                || (c >= 0x7b && c <= 0x7e);
    }

    private static boolean isDigit(char c) { return c >= '0' && c <= '9'; }

    /** min to max digits, then nothing or a non-digit and anything: their value, else -1. */
    private static int digits(String t, int min, int max) {
        int k = 0, v = 0;
        while (k < t.length() && k < max && isDigit(t.charAt(k))) v = v * 10 + (t.charAt(k++) - '0');
        if (k < min || (k < t.length() && isDigit(t.charAt(k)))) return -1;
        return v;
    }

    /** hms-time = 1*2DIGIT ":" 1*2DIGIT ":" 1*2DIGIT, then nothing or a non-digit and anything. */
    private static int[] time(String t) {
        int[] out = new int[3];
        int k = 0;
        for (int f = 0; f < 3; f++) {
            int from = k, v = 0;
            while (k < t.length() && k - from < 2 && isDigit(t.charAt(k))) v = v * 10 + (t.charAt(k++) - '0');
            if (k == from) return null;
            out[f] = v;
            if (f < 2) {
                if (k >= t.length() || t.charAt(k) != ':') return null;
                k++;
            }
        }
        if (k < t.length() && isDigit(t.charAt(k))) return null;
        return out;
    }

    /** A month's first three letters, any case, then anything: 0-11, else -1. */
    private static int month(String t) {
        if (t.length() < 3) return -1;
        for (int k = 0; k < 12; k++) {
            String m = MONTHS[k];
            if (lower(t.charAt(0)) == m.charAt(0) && lower(t.charAt(1)) == m.charAt(1) && lower(t.charAt(2)) == m.charAt(2)) return k;
        }
        return -1;
    }

    /** ASCII lower case only, as RFC 6265 compares. */
    static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }
}
