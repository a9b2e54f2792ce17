package io.streamscale.signals.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ScheduleExpressionTest {

    private static Instant utc(final String iso) {
        return Instant.parse(iso);
    }

    @Nested
    class Cron {

        @Test
        void fridayEveningInNewYorkFollowsTheWallClockAcrossTheEndOfDaylightSaving() {
            // 18:00 EDT is 22:00 UTC until 1 November 2026; 18:00 EST is 23:00 UTC after it.
            final ScheduleExpression friday = ScheduleExpression.parse("cron(0 18 ? * FRI *)", "America/New_York");

            assertThat(friday.lastFiringAtOrBefore(utc("2026-11-06T22:30:00Z"))).contains(utc("2026-10-30T22:00:00Z"));
            assertThat(friday.lastFiringAtOrBefore(utc("2026-11-06T23:00:00Z"))).contains(utc("2026-11-06T23:00:00Z"));
            assertThat(friday.nextFiringAfter(utc("2026-10-30T22:00:00Z"))).contains(utc("2026-11-06T23:00:00Z"));
        }

        @Test
        void dailyMorningInBerlinFollowsTheWallClockAcrossBothDaylightSavingChanges() {
            final ScheduleExpression morning = ScheduleExpression.parse("cron(0 8 * * ? *)", "Europe/Berlin");

            // Summer time starts on 29 March 2026: 08:00 CET = 07:00 UTC, then 08:00 CEST = 06:00 UTC.
            assertThat(morning.nextFiringAfter(utc("2026-03-28T00:00:00Z"))).contains(utc("2026-03-28T07:00:00Z"));
            assertThat(morning.nextFiringAfter(utc("2026-03-28T07:00:00Z"))).contains(utc("2026-03-29T06:00:00Z"));
            // Summer time ends on 25 October 2026.
            assertThat(morning.lastFiringAtOrBefore(utc("2026-10-25T06:59:59Z"))).contains(utc("2026-10-24T06:00:00Z"));
            assertThat(morning.lastFiringAtOrBefore(utc("2026-10-25T07:00:00Z"))).contains(utc("2026-10-25T07:00:00Z"));
        }

        @Test
        void aWallClockTimeSkippedBySpringForwardStillFiresThatDay() {
            // 02:30 does not exist in New York on 8 March 2026; the zone maps it to 03:30 EDT (07:30 UTC).
            final ScheduleExpression skipped = ScheduleExpression.parse("cron(30 2 * * ? *)", "America/New_York");

            assertThat(skipped.nextFiringAfter(utc("2026-03-07T12:00:00Z"))).contains(utc("2026-03-08T07:30:00Z"));
            assertThat(skipped.lastFiringAtOrBefore(utc("2026-03-08T12:00:00Z"))).contains(utc("2026-03-08T07:30:00Z"));
        }

        @Test
        void aWallClockTimeRepeatedByFallBackFiresOnce() {
            // 01:30 happens twice in New York on 1 November 2026 (05:30 and 06:30 UTC).
            final ScheduleExpression repeated = ScheduleExpression.parse("cron(30 1 * * ? *)", "America/New_York");

            assertThat(repeated.nextFiringAfter(utc("2026-11-01T04:00:00Z"))).contains(utc("2026-11-01T05:30:00Z"));
            assertThat(repeated.nextFiringAfter(utc("2026-11-01T05:30:00Z"))).contains(utc("2026-11-02T06:30:00Z"));
        }

        @Test
        void withoutATimeZoneCronReadsUtc() {
            final ScheduleExpression noon = ScheduleExpression.parse("cron(15 12 * * ? *)", null);

            assertThat(noon.lastFiringAtOrBefore(utc("2026-11-23T12:14:59Z"))).contains(utc("2026-11-22T12:15:00Z"));
        }

        @Test
        void aCronLimitedToAPastYearHasNoNextFiring() {
            final ScheduleExpression once = ScheduleExpression.parse("cron(0 9 1 JAN ? 2025)", "UTC");

            assertThat(once.nextFiringAfter(utc("2026-01-01T00:00:00Z"))).isEmpty();
            assertThat(once.lastFiringAtOrBefore(utc("2026-01-01T00:00:00Z"))).contains(utc("2025-01-01T09:00:00Z"));
        }

        @Test
        void dayOfWeekNumbersCountFromSundayAsAwsDefinesThem() {
            // AWS: 1-7 or SUN-SAT, so 6 is Friday; 27 November 2026 is a Friday.
            final ScheduleExpression six = ScheduleExpression.parse("cron(0 12 ? * 6 *)", "UTC");

            assertThat(six.nextFiringAfter(utc("2026-11-23T00:00:00Z"))).contains(utc("2026-11-27T12:00:00Z"));
        }

        @Test
        void supportsLastDayOfMonthAndNthWeekdayOfMonth() {
            assertThat(ScheduleExpression.parse("cron(0 0 L * ? *)", "UTC").nextFiringAfter(utc("2026-02-01T00:00:00Z")))
                    .contains(utc("2026-02-28T00:00:00Z"));
            // The fourth Thursday of November 2026 (Thanksgiving) is the 26th.
            assertThat(ScheduleExpression.parse("cron(0 6 ? 11 5#4 *)", "America/New_York").nextFiringAfter(utc("2026-11-01T00:00:00Z")))
                    .contains(utc("2026-11-26T11:00:00Z"));
        }

        @Test
        void rejectsFiveFieldUnixCron() {
            assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 18 * * 5)", "UTC"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("six");
        }

        @Test
        void rejectsBothDayFieldsSet() {
            assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 18 * * FRI *)", "UTC"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cron(0 18 * * FRI *)");
        }

        @Test
        void rejectsAMinuteOutOfRange() {
            assertThatThrownBy(() -> ScheduleExpression.parse("cron(75 18 ? * FRI *)", "UTC"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cron(75 18 ? * FRI *)");
        }
    }

    @Nested
    class At {

        @Test
        void firesOnceAtTheWallClockTimeOfItsZone() {
            final ScheduleExpression blackFriday = ScheduleExpression.parse("at(2026-11-27T09:00:00)", "America/New_York");

            assertThat(blackFriday.lastFiringAtOrBefore(utc("2026-11-27T13:59:59Z"))).isEmpty();
            assertThat(blackFriday.lastFiringAtOrBefore(utc("2026-11-27T14:00:00Z"))).contains(utc("2026-11-27T14:00:00Z"));
            assertThat(blackFriday.lastFiringAtOrBefore(utc("2027-01-01T00:00:00Z"))).contains(utc("2026-11-27T14:00:00Z"));
            assertThat(blackFriday.nextFiringAfter(utc("2026-11-27T14:00:00Z"))).isEmpty();
        }

        @Test
        void rejectsADateWithoutTime() {
            assertThatThrownBy(() -> ScheduleExpression.parse("at(2026-11-27)", "UTC"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("yyyy-mm-ddThh:mm:ss");
        }
    }

    @Nested
    class Rate {

        @Test
        void countsWholeIntervalsFromTheEpochWithoutAStartTime() {
            final ScheduleExpression quarterHour = ScheduleExpression.parse("rate(15 minutes)", "UTC");

            assertThat(quarterHour.lastFiringAtOrBefore(utc("2026-11-23T10:44:59Z"))).contains(utc("2026-11-23T10:30:00Z"));
            assertThat(quarterHour.lastFiringAtOrBefore(utc("2026-11-23T10:45:00Z"))).contains(utc("2026-11-23T10:45:00Z"));
            assertThat(quarterHour.nextFiringAfter(utc("2026-11-23T10:45:00Z"))).contains(utc("2026-11-23T11:00:00Z"));
        }

        @Test
        void countsFromItsStartTimeAndNotBeforeIt() {
            final ScheduleExpression everyTwoHours = ScheduleExpression.parse("rate(2 hours)", "Europe/Berlin")
                    .anchoredAt(utc("2026-10-24T23:10:00Z"));

            assertThat(everyTwoHours.lastFiringAtOrBefore(utc("2026-10-24T23:09:59Z"))).isEmpty();
            assertThat(everyTwoHours.nextFiringAfter(utc("2026-10-24T00:00:00Z"))).contains(utc("2026-10-24T23:10:00Z"));
            // A rate is elapsed time: the Berlin clock change on 25 October does not move it.
            assertThat(everyTwoHours.lastFiringAtOrBefore(utc("2026-10-25T04:00:00Z"))).contains(utc("2026-10-25T03:10:00Z"));
        }

        @Test
        void acceptsSingularAndPluralUnits() {
            assertThat(ScheduleExpression.parse("rate(1 day)", "UTC").nextFiringAfter(Instant.EPOCH)).contains(utc("1970-01-02T00:00:00Z"));
            assertThat(ScheduleExpression.parse("rate(1 hour)", "UTC").nextFiringAfter(Instant.EPOCH)).contains(utc("1970-01-01T01:00:00Z"));
        }

        @Test
        void rejectsAZeroValue() {
            assertThatThrownBy(() -> ScheduleExpression.parse("rate(0 minutes)", "UTC"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        }

        @Test
        void rejectsAnUnknownUnit() {
            assertThatThrownBy(() -> ScheduleExpression.parse("rate(2 weeks)", "UTC"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weeks");
        }
    }

    @Test
    void rejectsAnUnknownTimeZone() {
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 18 ? * FRI *)", "Mars/Olympus_Mons"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Mars/Olympus_Mons");
    }

    @Test
    void rejectsAnExpressionOfNoKnownForm() {
        assertThatThrownBy(() -> ScheduleExpression.parse("every friday", "UTC"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("every friday");
    }
}
