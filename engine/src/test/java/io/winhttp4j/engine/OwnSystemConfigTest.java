package io.winhttp4j.engine;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The engine's own actor system gets the small-machine dispatcher sizes; anyone else's keeps Pekko's. */
class OwnSystemConfigTest {
    private static final String MIN = "pekko.actor.default-dispatcher.fork-join-executor.parallelism-min";
    private static final String INTERNAL_MIN = "pekko.actor.internal-dispatcher.fork-join-executor.parallelism-min";

    @Test
    void createLaysTheOwnSystemSettingsOver() {
        WinHttpEngine engine = WinHttpEngine.create();
        try {
            Config used = engine.system().settings().config();
            assertEquals(2, used.getInt(MIN));
            assertEquals(2, used.getInt(INTERNAL_MIN));
            assertEquals(16, used.getInt("pekko.actor.default-dispatcher.fork-join-executor.parallelism-max"));
        } finally {
            engine.close();
        }
    }

    @Test
    void anApplicationsOwnSettingGoesUnderOwnSystem() {
        Config app = ConfigFactory.parseString("winhttp4j.own-system.pekko.actor.default-dispatcher"
                + ".fork-join-executor.parallelism-min = 3").withFallback(ConfigFactory.load());
        WinHttpEngine engine = WinHttpEngine.create(app);
        try {
            assertEquals(3, engine.system().settings().config().getInt(MIN));
        } finally {
            engine.close();
        }
    }

    @Test
    void theEngineOnTheClasspathLeavesEveryOtherSystemAlone() {
        Config host = ConfigFactory.load(); // what an embedding application's system reads
        assertEquals(8, host.getInt(MIN), "Pekko's own default");
        assertEquals(4, host.getInt(INTERNAL_MIN), "Pekko's own default");
    }
}
