package io.winhttp4j.engine.http;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.*;

/** RFC 6265 5.1.1's cookie-date algorithm ({@link CookieDates}). */
class CookieDatesTest {
    private static final Instant JAN_13_2021 = Instant.parse("2021-01-13T22:23:01Z");

    @Test
    void theThreeHttpFormsAndNetscapes() {
        for (String d : new String[] {"Wed, 13 Jan 2021 22:23:01 GMT", "Wednesday, 13-Jan-21 22:23:01 GMT",
                "Wed Jan 13 22:23:01 2021", "Wed, 13-Jan-2021 22:23:01 GMT"}) {
            assertEquals(JAN_13_2021, CookieDates.parse(d), d);
        }
    }

    @Test
    void agreesWithHttpDatesOnHttpsForms() {
        for (String d : new String[] {"Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994",
                "Thu, 01 Jan 1970 00:00:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT"}) {
            assertEquals(HttpDates.parse(d).toInstant(), CookieDates.parse(d), d);
        }
    }

    @Test
    void tokensInAnyOrderAndCase() {
        assertEquals(JAN_13_2021, CookieDates.parse("2021 22:23:01 jan 13"));
        assertEquals(JAN_13_2021, CookieDates.parse("13 JANUARY 2021 22:23:01"));
        assertEquals(JAN_13_2021, CookieDates.parse("  13/jan/2021,22:23:01 UTC  "));
        assertEquals(Instant.parse("2021-01-03T01:02:03Z"), CookieDates.parse("3 Jan 2021 1:2:3"));
        assertEquals(JAN_13_2021, CookieDates.parse("13th Jan 2021 22:23:01xyz"), "a non-digit may follow a field");
    }

    @Test
    void twoDigitYears() {
        assertEquals(Instant.parse("1970-01-01T00:00:00Z"), CookieDates.parse("1 Jan 70 00:00:00"));
        assertEquals(Instant.parse("1999-01-01T00:00:00Z"), CookieDates.parse("1 Jan 99 00:00:00"));
        assertEquals(Instant.parse("2069-01-01T00:00:00Z"), CookieDates.parse("1 Jan 69 00:00:00"));
        assertEquals(Instant.parse("2000-01-01T00:00:00Z"), CookieDates.parse("1 Jan 00 00:00:00"));
    }

    @Test
    void unreadableDatesAreNull() {
        for (String d : new String[] {"", "garbage", "Wed, 13 Jan 2021", "13 Jan 22:23:01", "Jan 2021 22:23:01",
                "30 Feb 2021 00:00:00", "32 Jan 2021 00:00:00", "0 Jan 2021 00:00:00", "1 Jan 1600 00:00:00",
                "1 Jan 2021 24:00:00", "1 Jan 2021 23:60:00", "1 Jan 2021 23:59:60", "1 Foo 2021 00:00:00",
                "1 Jan 2021 123:00:00", "1 Jan 20211 00:00:00", "1 Jan 2 00:00:00", "\u0000\u0001", "1 Ja 2021 00:00:00",
                "1 \u017fep 2021 00:00:00"}) {
            assertNull(CookieDates.parse(d), d);
        }
    }
}
