package io.streamscale.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayPartsTest {

    @Test
    void progressLineShowsBarCountRateAndEta() {
        assertThat(ProgressBar.render(770, 2203, 412.4, Duration.ofSeconds(208)))
                .startsWith("[##########....................]  35%  770/2,203  412 ev/s  ETA 0:03:28");
        assertThat(ProgressBar.render(5, -1, 2, null)).startsWith("5  2 ev/s").doesNotContain("ETA");
    }

    @Test
    void scaledTimestampsFollowTheWallClockOfTheReplay() {
        final long first = 1_000_000;
        final long last = first + 600_000;
        final long start = 5_000_000;
        assertThat(TimestampMode.SCALED.rewrite(first, first, last, start, 5)).isEqualTo(start);
        assertThat(TimestampMode.SCALED.rewrite(first + 60_000, first, last, start, 5)).isEqualTo(start + 12_000);
        assertThat(TimestampMode.SHIFTED.rewrite(first + 60_000, first, last, start, 5)).isEqualTo(start + 60_000);
        assertThat(TimestampMode.ORIGINAL.rewrite(first + 60_000, first, last, start, 5)).isEqualTo(first + 60_000);
    }

    @Test
    void asFastAsPossibleTheTraceEndsNowWithItsOwnSpacing() {
        final long first = 1_000_000;
        final long last = first + 600_000;
        final long start = 5_000_000;
        assertThat(TimestampMode.SCALED.rewrite(last, first, last, start, 0)).isEqualTo(start);
        assertThat(TimestampMode.SHIFTED.rewrite(first, first, last, start, 0)).isEqualTo(start - 600_000);
    }

    /** A clock that advances only when slept on, recording every sleep. */
    private static final class FakeClock implements Pacer.Clock {
        long now = 1_000;
        final List<Long> sleeps = new ArrayList<>();

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepNanos(final long nanos) {
            sleeps.add(nanos);
            now += nanos;
        }
    }

    @Test
    void pacerWaitsUntilEachRecordsMomentDividedBySpeed() throws InterruptedException {
        final FakeClock clock = new FakeClock();
        final Pacer pacer = new Pacer(2.0, clock, 10_000);

        pacer.awaitTurn(10_000);
        pacer.awaitTurn(12_000);
        clock.now += 5_000_000_000L; // the sender fell behind by 5 s
        pacer.awaitTurn(13_000);

        assertThat(clock.sleeps).hasSize(10).containsOnly(100_000_000L);
        assertThat(pacer.elapsedNanos()).isEqualTo(6_000_000_000L);
    }

    @Test
    void pacerWaitsInShortSlicesAndGivesUpWhenAskedToStop() throws InterruptedException {
        final FakeClock clock = new FakeClock();
        final Pacer pacer = new Pacer(1.0, clock, 0);

        final boolean sent = pacer.awaitTurn(60_000, () -> clock.sleeps.size() >= 3);

        assertThat(sent).isFalse();
        assertThat(clock.sleeps).containsExactly(100_000_000L, 100_000_000L, 100_000_000L);
    }

    @Test
    void pacerAtSpeedZeroNeverWaits() throws InterruptedException {
        final FakeClock clock = new FakeClock();
        final Pacer pacer = new Pacer(0, clock, 0);

        pacer.awaitTurn(3_600_000);

        assertThat(clock.sleeps).isEmpty();
    }

    @Test
    void rawLinesAreKeptByteForByte() {
        final byte[] file = {'a', '\r', '\n', (byte) 0xC3, (byte) 0x28, '\n', '\n', 'z'};
        final List<byte[]> lines = RawLines.split(file);

        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("a".getBytes(StandardCharsets.UTF_8));
        assertThat(lines.get(1)).isEqualTo(new byte[] {(byte) 0xC3, (byte) 0x28});
        assertThat(lines.get(2)).isEmpty();
        assertThat(lines.get(3)).isEqualTo("z".getBytes(StandardCharsets.UTF_8));
        assertThat(RawLines.split("x\n".getBytes(StandardCharsets.UTF_8))).hasSize(1);
    }
}
