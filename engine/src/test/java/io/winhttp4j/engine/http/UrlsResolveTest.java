package io.winhttp4j.engine.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Urls.resolve against RFC 3986 section 5.4's examples, and the Location forms servers send. */
class UrlsResolveTest {
    private static final String BASE = "http://a/b/c/d;p?q";

    private static void resolves(String reference, String expected) {
        assertEquals(expected, Urls.resolve(BASE, reference), reference);
    }

    @Test
    void normalExamples() {
        resolves("g:h", "g:h");
        resolves("g", "http://a/b/c/g");
        resolves("./g", "http://a/b/c/g");
        resolves("g/", "http://a/b/c/g/");
        resolves("/g", "http://a/g");
        resolves("//g", "http://g");
        resolves("?y", "http://a/b/c/d;p?y");
        resolves("g?y", "http://a/b/c/g?y");
        resolves("#s", "http://a/b/c/d;p?q#s");
        resolves("g#s", "http://a/b/c/g#s");
        resolves("g?y#s", "http://a/b/c/g?y#s");
        resolves(";x", "http://a/b/c/;x");
        resolves("g;x", "http://a/b/c/g;x");
        resolves("g;x?y#s", "http://a/b/c/g;x?y#s");
        resolves("", "http://a/b/c/d;p?q");
        resolves(".", "http://a/b/c/");
        resolves("./", "http://a/b/c/");
        resolves("..", "http://a/b/");
        resolves("../", "http://a/b/");
        resolves("../g", "http://a/b/g");
        resolves("../..", "http://a/");
        resolves("../../", "http://a/");
        resolves("../../g", "http://a/g");
    }

    @Test
    void abnormalExamples() {
        resolves("../../../g", "http://a/g");
        resolves("../../../../g", "http://a/g");
        resolves("/./g", "http://a/g");
        resolves("/../g", "http://a/g");
        resolves("g.", "http://a/b/c/g.");
        resolves(".g", "http://a/b/c/.g");
        resolves("g..", "http://a/b/c/g..");
        resolves("..g", "http://a/b/c/..g");
        resolves("./../g", "http://a/b/g");
        resolves("./g/.", "http://a/b/c/g/");
        resolves("g/./h", "http://a/b/c/g/h");
        resolves("g/../h", "http://a/b/c/h");
        resolves("g;x=1/./y", "http://a/b/c/g;x=1/y");
        resolves("g;x=1/../y", "http://a/b/c/y");
        resolves("g?y/./x", "http://a/b/c/g?y/./x");
        resolves("g?y/../x", "http://a/b/c/g?y/../x");
        resolves("g#s/./x", "http://a/b/c/g#s/./x");
        resolves("g#s/../x", "http://a/b/c/g#s/../x");
        resolves("http:g", "http:g"); // strict parsers take it as absolute; Urls.parse then refuses it
    }

    @Test
    void locationsAsServersSendThem() {
        String base = "http://127.0.0.1:8080/a/b?x=1";
        assertEquals("https://other.example:8443/z", Urls.resolve(base, "https://other.example:8443/z"));
        assertEquals("http://127.0.0.1:9090/p?q", Urls.resolve(base, "//127.0.0.1:9090/p?q"));
        assertEquals("http://127.0.0.1:8080/a/c", Urls.resolve(base, "c"));
        assertEquals("http://127.0.0.1:8080/top", Urls.resolve(base, "/top"));
        assertEquals("http://127.0.0.1:8080/a/b?y=2", Urls.resolve(base, "?y=2"));
        assertEquals("http://[::1]:80/x", Urls.resolve("http://[::1]:80/", "x"));
        assertEquals("http://h/", Urls.resolve("http://h", "."), "an empty base path merges as \"/\"");
        assertEquals("ftp://h/f", Urls.resolve(base, "ftp://h/f"));
    }
}
