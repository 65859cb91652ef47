package io.winhttp4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void defaultsAreTheFullRunOfTheIssue() {
        BenchMain.Settings s = BenchMain.Settings.parse();
        assertFalse(s.smoke());
        assertNull(s.url());
        assertEquals(BenchMain.CLIENTS, s.clients());
        assertEquals(BenchMain.WORKLOADS, s.workloads());
        assertEquals(List.of(1, 64, 256), s.concurrency());
        assertEquals(1L << 30, s.downloadBytes());
        assertEquals(1 << 20, s.postBytes());
        assertEquals(List.of(1_000, 10_000), s.burst());
        assertEquals(1000, s.slowMillis());
        assertEquals(100_000, s.handles());
        assertEquals(10_000, s.maxInFlight());
    }

    @Test
    void smokeIsSmallAndStillCoversEverything() {
        BenchMain.Settings s = BenchMain.Settings.parse("--smoke");
        assertTrue(s.smoke());
        assertEquals(BenchMain.CLIENTS, s.clients());
        assertEquals(BenchMain.WORKLOADS, s.workloads());
        assertTrue(s.duration().compareTo(Duration.ofSeconds(1)) < 0);
        assertTrue(s.burst().stream().allMatch(n -> n <= 1000));
        assertTrue(s.downloadBytes() <= 64L << 20);
    }

    @Test
    void optionsOverrideDefaultsAndListsKeepTheCanonicalOrder() {
        BenchMain.Settings s = BenchMain.Settings.parse("--clients", "jdk,pekko", "--workloads", "get",
                "--concurrency", "2,8", "--download-bytes", "16m", "--post-bytes", "4k", "--duration", "0.5",
                "--url", "http://127.0.0.1:8080", "--no-wrk", "--smoke");
        assertEquals(List.of("pekko", "jdk"), s.clients());
        assertEquals(List.of("get"), s.workloads());
        assertEquals(List.of(2, 8), s.concurrency());
        assertEquals(16L << 20, s.downloadBytes());
        assertEquals(4096, s.postBytes());
        assertEquals(Duration.ofMillis(500), s.duration());
        assertEquals(URI.create("http://127.0.0.1:8080/"), s.url());
        assertFalse(s.wrk());
        assertFalse(s.winHttpClients());
    }

    @Test
    void bothPoolSettingsByDefaultOneJvmOnRequest() {
        assertFalse(BenchMain.Settings.parse().oneJvm());
        BenchMain.Settings child = BenchMain.Settings.parse("--smoke", "--one-jvm", "--results-file", "/tmp/r.tsv");
        assertTrue(child.oneJvm());
        assertEquals(java.nio.file.Path.of("/tmp/r.tsv"), child.resultsFile());
        assertThrows(IllegalArgumentException.class, () -> BenchMain.Settings.parse("--results-file", "/tmp/r.tsv"));
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> BenchMain.Settings.parse("--clients", "curl"));
        assertThrows(IllegalArgumentException.class, () -> BenchMain.Settings.parse("--rounds", "0"));
        assertThrows(IllegalArgumentException.class, () -> BenchMain.Settings.parse("--rounds"));
        assertThrows(IllegalArgumentException.class, () -> BenchMain.Settings.parse("--frobnicate", "1"));
    }

    @Test
    void onlyLoopbackTargetsAreAccepted() {
        BenchMain.requireLoopback(URI.create("http://127.0.0.1:8080/"));
        BenchMain.requireLoopback(URI.create("http://localhost:8080/"));
        assertThrows(IllegalArgumentException.class, () -> BenchMain.requireLoopback(URI.create("http://192.0.2.1:80/")));
        assertThrows(IllegalArgumentException.class, () -> BenchMain.requireLoopback(URI.create("https://127.0.0.1:443/")));
    }
}
