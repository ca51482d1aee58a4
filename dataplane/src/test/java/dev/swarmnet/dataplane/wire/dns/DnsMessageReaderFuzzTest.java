package dev.swarmnet.dataplane.wire.dns;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer target for {@link DnsMessageReader}: wraps arbitrary bytes and walks every question
 * name operation and record; any exception or failed invariant is a finding. Without
 * JAZZER_FUZZ=1 it replays the seeds in {@code DnsMessageReaderFuzzTestInputs/fuzzDnsReader/}.
 */
class DnsMessageReaderFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void fuzzDnsReader(byte[] input) {
        DnsCodecPropertiesTest.walkEverything(input);
    }
}
