package io.streamscale.signals.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscale.schemas.ScheduledRule;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduledCapacityTest {

    private static Instant utc(final String iso) {
        return Instant.parse(iso);
    }

    private static ScheduledRule rule(final String name, final String schedule, final String zone, final Integer min, final Integer max) {
        return ScheduledRule.newBuilder().setName(name).setSchedule(schedule).setTimezone(zone)
                .setMinCapacity(min).setMaxCapacity(max).build();
    }

    private static final List<ScheduledRule> NEW_YORK_BUSINESS_HOURS = List.of(
            rule("business-hours", "cron(0 8 ? * MON-FRI *)", "America/New_York", 10, 40),
            rule("evening", "cron(0 20 ? * MON-FRI *)", "America/New_York", 2, 20));

    @Test
    void nothingIsInForceBeforeAnyActionHasFired() {
        final List<ScheduledRule> future = List.of(rule("launch", "at(2030-01-01T00:00:00)", "UTC", 5, 10));

        assertThat(ScheduledCapacity.inForce(future, utc("2026-11-23T10:00:00Z"))).isEmpty();
        assertThat(ScheduledCapacity.inForce(List.of(), utc("2026-11-23T10:00:00Z"))).isEmpty();
    }

    @Test
    void theLatestActionToFireSetsTheRangeUntilAnotherFires() {
        // Wednesday 25 November 2026, noon in New York (17:00 UTC): business hours since 08:00.
        assertThat(ScheduledCapacity.inForce(NEW_YORK_BUSINESS_HOURS, utc("2026-11-25T17:00:00Z")))
                .contains(new ScheduledRange("business-hours", utc("2026-11-25T13:00:00Z"), 10, 40));
        // Saturday: Friday evening's action is still in force.
        assertThat(ScheduledCapacity.inForce(NEW_YORK_BUSINESS_HOURS, utc("2026-11-28T15:00:00Z")))
                .contains(new ScheduledRange("evening", utc("2026-11-28T01:00:00Z"), 2, 20));
    }

    @Test
    void businessHoursStartAtEightNewYorkTimeOnBothSidesOfTheEndOfDaylightSaving() {
        // Friday 30 October 2026 08:00 EDT = 12:00 UTC; Monday 2 November 2026 08:00 EST = 13:00 UTC.
        assertThat(ScheduledCapacity.inForce(NEW_YORK_BUSINESS_HOURS, utc("2026-10-30T12:00:00Z")))
                .map(ScheduledRange::ruleName).contains("business-hours");
        assertThat(ScheduledCapacity.inForce(NEW_YORK_BUSINESS_HOURS, utc("2026-11-02T12:30:00Z")))
                .map(ScheduledRange::ruleName).contains("evening");
        assertThat(ScheduledCapacity.inForce(NEW_YORK_BUSINESS_HOURS, utc("2026-11-02T13:00:00Z")))
                .contains(new ScheduledRange("business-hours", utc("2026-11-02T13:00:00Z"), 10, 40));
    }

    @Test
    void businessHoursStartAtEightBerlinTimeOnBothSidesOfTheStartOfSummerTime() {
        final List<ScheduledRule> berlin = List.of(
                rule("day", "cron(0 8 ? * MON-FRI *)", "Europe/Berlin", 6, 30),
                rule("night", "cron(0 22 ? * MON-FRI *)", "Europe/Berlin", 1, 10));

        // Friday 27 March 2026 08:00 CET = 07:00 UTC; Monday 30 March 2026 08:00 CEST = 06:00 UTC.
        assertThat(ScheduledCapacity.inForce(berlin, utc("2026-03-27T07:00:00Z"))).map(ScheduledRange::ruleName).contains("day");
        assertThat(ScheduledCapacity.inForce(berlin, utc("2026-03-30T05:59:00Z"))).map(ScheduledRange::ruleName).contains("night");
        assertThat(ScheduledCapacity.inForce(berlin, utc("2026-03-30T06:00:00Z")))
                .contains(new ScheduledRange("day", utc("2026-03-30T06:00:00Z"), 6, 30));
    }

    @Test
    void anActionSettingOnlyTheMinimumKeepsTheMaximumAnEarlierActionSet() {
        final List<ScheduledRule> rules = List.of(
                rule("baseline", "at(2026-11-01T00:00:00)", "UTC", 2, 20),
                rule("warm-up", "at(2026-11-20T00:00:00)", "UTC", 8, null));

        assertThat(ScheduledCapacity.inForce(rules, utc("2026-11-23T00:00:00Z")))
                .contains(new ScheduledRange("warm-up", utc("2026-11-20T00:00:00Z"), 8, 20));
    }

    @Test
    void aNewMinimumAboveTheMaximumInForceRaisesTheMaximumToMeetIt() {
        final List<ScheduledRule> rules = List.of(
                rule("quiet", "at(2026-11-01T00:00:00)", "UTC", 1, 4),
                rule("sale", "at(2026-11-20T00:00:00)", "UTC", 12, null));

        assertThat(ScheduledCapacity.inForce(rules, utc("2026-11-23T00:00:00Z")))
                .contains(new ScheduledRange("sale", utc("2026-11-20T00:00:00Z"), 12, 12));
    }

    @Test
    void aNewMaximumBelowTheMinimumInForceLowersTheMinimumToMeetIt() {
        final List<ScheduledRule> rules = List.of(
                rule("sale", "at(2026-11-01T00:00:00)", "UTC", 12, 40),
                rule("freeze", "at(2026-11-20T00:00:00)", "UTC", null, 3));

        assertThat(ScheduledCapacity.inForce(rules, utc("2026-11-23T00:00:00Z")))
                .contains(new ScheduledRange("freeze", utc("2026-11-20T00:00:00Z"), 3, 3));
    }

    @Test
    void startAndEndTimeBoundARecurringActionAndItsLastFiringStaysInForceAfterTheEnd() {
        final ScheduledRule december = ScheduledRule.newBuilder().setName("december").setSchedule("cron(0 9 * * ? *)")
                .setTimezone("UTC").setStartTime(utc("2026-12-01T00:00:00Z")).setEndTime(utc("2026-12-03T10:00:00Z"))
                .setMinCapacity(5).setMaxCapacity(null).build();

        assertThat(ScheduledCapacity.inForce(List.of(december), utc("2026-11-30T12:00:00Z"))).isEmpty();
        assertThat(ScheduledCapacity.inForce(List.of(december), utc("2026-12-01T08:59:59Z"))).isEmpty();
        assertThat(ScheduledCapacity.inForce(List.of(december), utc("2026-12-02T12:00:00Z")))
                .map(ScheduledRange::firedAt).contains(utc("2026-12-02T09:00:00Z"));
        assertThat(ScheduledCapacity.inForce(List.of(december), utc("2026-12-10T12:00:00Z")))
                .map(ScheduledRange::firedAt).contains(utc("2026-12-03T09:00:00Z"));
    }

    @Test
    void aRateCountsFromItsStartTime() {
        final ScheduledRule everySixHours = ScheduledRule.newBuilder().setName("").setSchedule("rate(6 hours)")
                .setTimezone("UTC").setStartTime(utc("2026-11-23T01:30:00Z")).setMinCapacity(3).setMaxCapacity(9).build();

        assertThat(ScheduledCapacity.inForce(List.of(everySixHours), utc("2026-11-23T13:00:00Z")))
                .contains(new ScheduledRange("scheduled[0]", utc("2026-11-23T07:30:00Z"), 3, 9));
    }

    @Test
    void actionsFiringAtTheSameInstantApplyInTheOrderTheyAreListed() {
        final List<ScheduledRule> rules = List.of(
                rule("first", "cron(0 12 * * ? *)", "UTC", 2, 8),
                rule("second", "cron(0 12 * * ? *)", "UTC", 4, 16));

        assertThat(ScheduledCapacity.inForce(rules, utc("2026-11-23T12:00:00Z")))
                .contains(new ScheduledRange("second", utc("2026-11-23T12:00:00Z"), 4, 16));
    }

    @Test
    void aRuleWhoseScheduleDoesNotParseIsSkipped() {
        final List<ScheduledRule> rules = List.of(
                rule("broken", "cron(every day)", "UTC", 50, 60),
                rule("good", "at(2026-11-01T00:00:00)", "UTC", 2, 8));

        assertThat(ScheduledCapacity.inForce(rules, utc("2026-11-23T12:00:00Z")))
                .map(ScheduledRange::ruleName).contains("good");
    }
}
