package io.winhttp4j.engine.transport.http1;

import io.winhttp4j.engine.http.Header;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Interim 1xx heads (INTERMEDIATE_RESPONSE) and 101 Switching Protocols. */
class InterimAndUpgradeTest {
    private static final String UPGRADE = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nContent-Length: 4\r\n\r\n";

    @Test
    void anInterimHeadThenTheResponse() {
        String fin = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n";
        Decoding d = Decoding.ofAnySplit("POST", Limits.DEFAULT, false, "HTTP/1.1 100 Continue\r\n\r\n" + fin + "hi");
        assertEquals(new ResponsePart.Interim(100), d.parts.get(0));
        assertEquals(200, d.head().head().status());
        assertEquals(fin.length(), d.head().size(), "RESPONSE_RECEIVED counts the final head only");
        assertEquals("hi", d.body());
        assertTrue(d.ended());
    }

    @Test
    void every1xxButOneHundredOneIsInterimTheirHeadersDropped() {
        Decoding d = Decoding.ofAnySplit("GET", Limits.DEFAULT, false, "HTTP/1.1 102 Processing\r\n\r\n"
                + "HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\nLink: </b.js>; rel=preload\r\n\r\n"
                + "HTTP/1.1 100\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        assertEquals(List.of(new ResponsePart.Interim(102), new ResponsePart.Interim(103), new ResponsePart.Interim(100)),
                d.parts.subList(0, 3));
        assertEquals(List.of(new Header("Content-Length", "0")), d.headers());
    }

    @Test
    void interimHeadersDoNotCountAgainstTheHeaderCount() {
        Limits one = new Limits(Limits.DEFAULT_HEADER_BYTES, 1, Limits.DEFAULT_CHUNK_LINE_BYTES);
        Decoding d = Decoding.ofAnySplit("GET", one, false, "HTTP/1.1 103 Early Hints\r\nLink: a\r\nLink: b\r\nLink: c\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        assertTrue(d.ended(), d.describe());
    }

    @Test
    void interimHeadersAreStillChecked() {
        Decoding.of("HTTP/1.1 100 Continue\r\nno colon\r\n\r\nHTTP/1.1 200 OK\r\n\r\n")
                .failedWith(io.winhttp4j.WinHttpError.ERROR_WINHTTP_INVALID_SERVER_RESPONSE);
    }

    @Test
    void switchingProtocolsHandsOverTheBytesPastTheHead() {
        String frames = "\u0081\u0002hi\u0089\u0000";
        Decoding d = Decoding.ofAnySplit("GET", Limits.DEFAULT, false, UPGRADE + frames);
        assertEquals(101, d.head().head().status());
        assertEquals("4", d.head().head().headers().get("Content-Length", 0), "headers as sent");
        assertSame(Framing.TUNNEL, d.head().framing());
        assertInstanceOf(ResponsePart.Upgraded.class, d.parts.get(d.parts.size() - 1), "no Data, no End: the body is not HTTP's");
        assertEquals(2, d.parts.size());
        assertEquals(frames, d.after.decodeString(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertFalse(d.decoder.reusableAfterEnd());
        assertFalse(d.decoder.poolable());
    }

    @Test
    void switchingProtocolsWithNothingPastTheHead() {
        Decoding d = Decoding.of(UPGRADE);
        assertEquals(ByteString.emptyByteString(), ((ResponsePart.Upgraded) d.parts.get(1)).rest());
        assertThrows(IllegalStateException.class, () -> d.decoder.feed(Decoding.bytes("\u0081"), p -> { }),
                "later bytes belong to the new protocol");
        d.decoder.end(p -> fail("the end of the connection is the new protocol's: " + p));
    }

    @Test
    void theRestIsASliceOfTheInputNotACopy() {
        ByteString input = Decoding.bytes(UPGRADE + "frames");
        ResponseDecoder decoder = new ResponseDecoder("GET", Limits.DEFAULT);
        java.util.List<ResponsePart> parts = new java.util.ArrayList<>();
        decoder.feed(input, parts::add);
        ByteString rest = ((ResponsePart.Upgraded) parts.get(1)).rest();
        assertEquals(input.drop(UPGRADE.length()), rest);
    }
}
