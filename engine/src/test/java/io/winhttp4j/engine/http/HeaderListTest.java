package io.winhttp4j.engine.http;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;

/** The header model kept as an array: token matching, and every change a new list that leaves the old one alone. */
class HeaderListTest {

    /** What hasToken answered when it split the value (the rule the scan must keep). */
    private static boolean bySplit(String value, String token) {
        for (String part : value.split(",")) {
            if (part.trim().equalsIgnoreCase(token)) return true;
        }
        return false;
    }

    @Test
    void aTokenIsFoundAmongCommaSeparatedPartsAsSplittingFoundIt() {
        long seed = 0x746f6b656eL;
        String[] pieces = {"close", "Close", "keep-alive", "chunked", "gzip", " ", "\t", ",", "x", "clos", "closed", ""};
        String[] tokens = {"close", "keep-alive", "chunked"};
        for (int c = 0; c < 20_000; c++) {
            SplittableRandom r = new SplittableRandom(seed + c);
            StringBuilder v = new StringBuilder();
            int n = r.nextInt(7);
            for (int i = 0; i < n; i++) v.append(pieces[r.nextInt(pieces.length)]);
            String value = v.toString();
            String token = tokens[r.nextInt(tokens.length)];
            HeaderList h = HeaderList.EMPTY.add("Connection", value);
            assertEquals(bySplit(value, token), h.hasToken("connection", token),
                    "seed " + (seed + c) + ": \"" + value + "\" carries " + token);
        }
    }

    @Test
    void changesMakeNewListsAndLeaveTheOldOnesAsTheyWere() {
        HeaderList a = HeaderList.EMPTY.add("A", "1").add("B", "2");
        HeaderList b = a.add("A", "3");
        HeaderList replaced = b.apply(new Header("a", "4"), WINHTTP_ADDREQ_FLAG_REPLACE);
        HeaderList coalesced = b.apply(new Header("B", "5"), WINHTTP_ADDREQ_FLAG_COALESCE_WITH_COMMA);
        HeaderList removed = b.without("a");
        assertEquals(List.of(new Header("A", "1"), new Header("B", "2")), a.all());
        assertEquals(List.of(new Header("A", "1"), new Header("B", "2"), new Header("A", "3")), b.all());
        assertEquals(List.of(new Header("B", "2"), new Header("A", "3"), new Header("a", "4")), replaced.all());
        assertEquals(List.of(new Header("A", "1"), new Header("B", "2, 5"), new Header("A", "3")), coalesced.all());
        assertEquals(List.of(new Header("B", "2")), removed.all());
        assertSame(HeaderList.EMPTY, b.without("A").without("B"));
        assertEquals(3, b.size());
        assertEquals(new Header("A", "3"), b.at(2));
        assertThrows(UnsupportedOperationException.class, () -> b.all().set(0, new Header("X", "y")));
    }

    @Test
    void ofFirstTakesOnlyTheCountedHeadersAndOfCopiesTheList() {
        Header[] filled = {new Header("A", "1"), new Header("B", "2"), null, null};
        HeaderList h = HeaderList.ofFirst(filled, 2);
        filled[2] = new Header("C", "3");
        assertEquals(List.of(new Header("A", "1"), new Header("B", "2")), h.all());
        assertSame(HeaderList.EMPTY, HeaderList.ofFirst(filled, 0));
        List<Header> given = new ArrayList<>(List.of(new Header("A", "1")));
        HeaderList copied = HeaderList.of(given);
        given.add(new Header("B", "2"));
        assertEquals(List.of(new Header("A", "1")), copied.all());
    }

    @Test
    void additionsMakeTheListAddAndAddIfAbsentWouldHaveMade() {
        HeaderList stored = HeaderList.EMPTY.add("Host", "given").add("X", "1");
        HeaderList oneByOne = stored.addIfAbsent("User-Agent", "a").addIfAbsent("Host", "h").add("Connection", "Keep-Alive");
        HeaderList inOne = stored.additions(3).addIfAbsent("User-Agent", "a").addIfAbsent("Host", "h")
                .add("Connection", "Keep-Alive").done();
        assertEquals(oneByOne.all(), inOne.all());
        assertEquals(List.of(new Header("Host", "given"), new Header("X", "1")), stored.all(), "the stored list is left alone");
        assertEquals(3, stored.additions(2).add("Y", "2").done().size());
    }

    @Test
    void additionsBeyondTheRoomAskedForStillMakeTheList() {
        HeaderList.Additions more = HeaderList.EMPTY.add("Host", "h").additions(1);
        for (int i = 0; i < 9; i++) more.add("X-" + i, Integer.toString(i));
        HeaderList made = more.done();
        assertEquals(10, made.size());
        assertEquals("8", made.get("X-8", 0));
    }
}
