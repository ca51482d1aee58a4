package dev.swarmnet.dataplane.wire.dns;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer target for {@link DnsMessageReader}: wraps arbitrary bytes and walks every question
 * name operation and record; any exception or failed invariant is a finding. Without
 * JAZZER_FUZZ=1 it replays the seeds in {@code DnsMessageReaderFuzzTestInputs/fuzzDnsReader/}.
 */
public class DnsMessageReaderFuzzTest {
    @FuzzTest(maxDuration = "20s")
    void fuzzDnsReader(byte[] input) {
        DnsCodecPropertiesTest.walkEverything(input);
    }

    /** Entry point for Jazzer's standalone driver, used by {@code dataplane/fuzz.sh} for long runs. */
    public static void fuzzerTestOneInput(byte[] input) {
        DnsCodecPropertiesTest.walkEverything(input);
    }
}
