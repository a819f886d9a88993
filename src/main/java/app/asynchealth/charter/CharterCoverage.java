package app.asynchealth.charter;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import app.asynchealth.benchmark.Benchmark;
import app.asynchealth.charter.CharterContent.AfterHours;
import app.asynchealth.charter.CharterContent.Channel;
import app.asynchealth.charter.CharterContent.FocusPolicy;
import app.asynchealth.charter.CharterContent.KnowledgeLocations;
import app.asynchealth.charter.CharterContent.MeetingPolicy;
import app.asynchealth.charter.CharterContent.ResponseExpectation;
import app.asynchealth.charter.CharterContent.Urgency;

/**
 * How much of the norms the report names a charter states: five areas, each a short list of named checks. Plain Java
 * (no framework), a function of the content alone.
 *
 * <p>The score weighs the areas equally, not the checks: each area contributes the share of its checks that are met,
 * and the score is the mean of the five shares, times 100, rounded half up to an integer. So an area with two checks
 * (response expectations, the product's focus) counts as much as one with four, and one missing check costs 100 / (5 ×
 * the area's checks) points: 10 in an area of two, 5 in an area of four.
 */
public final class CharterCoverage {

    /** The report's figures on documented communication guides, shown beside the coverage. */
    public static final List<String> REPORT_FIGURES = List.of("no-documented-guide", "high-performers-documented-guidelines");

    /** A check that is not met: its key, and what the charter lacks, as a sentence. */
    public record Missing(String key, String description) {
    }

    /** One area: covered when all its checks are met. */
    public record Area(String key, boolean covered, int met, int total, List<Missing> missing) {
    }

    /** A figure of the report, as the coverage shows it. */
    public record ReportFigure(String key, double value, String unit, String quote) {
    }

    public record Coverage(int score, List<Area> areas, List<ReportFigure> reportFigures) {
    }

    private record Check(String key, String description, Predicate<CharterContent> met) {
    }

    private record AreaDefinition(String key, List<Check> checks) {
    }

    static final List<AreaDefinition> AREAS = List.of(
            new AreaDefinition("communication-guidelines", List.of(
                    new Check("channels-listed", "No channels are listed.", c -> !channels(c).isEmpty()),
                    new Check("channel-purposes", "Not every channel says what it is for.",
                            c -> !channels(c).isEmpty() && channels(c).stream().allMatch(ch -> present(ch.purpose()))),
                    new Check("decisions-location", "It does not say where decisions are recorded.",
                            c -> knowledge(c) != null && present(knowledge(c).decisions())),
                    new Check("documentation-location", "It does not say where documentation lives.",
                            c -> knowledge(c) != null && present(knowledge(c).documentation())))),
            new AreaDefinition("response-expectations", List.of(
                    new Check("normal-response-times", "Not every channel says how fast a normal message is answered.",
                            c -> !channels(c).isEmpty() && channels(c).stream().allMatch(ch -> expects(ch, Urgency.NORMAL))),
                    new Check("urgent-path", "No channel says how fast an urgent message is answered: there is no urgent path.",
                            c -> channels(c).stream().anyMatch(ch -> expects(ch, Urgency.URGENT))))),
            new AreaDefinition("meetings", List.of(
                    new Check("meeting-criteria", "It does not say when a meeting is justified.",
                            c -> meetings(c) != null && meetings(c).justifiedWhen() != null
                                    && !meetings(c).justifiedWhen().isEmpty()),
                    new Check("agenda-required", "Meetings without a written agenda are not declined.",
                            c -> meetings(c) != null && Boolean.TRUE.equals(meetings(c).agendaRequired())),
                    new Check("async-status-updates", "Status updates are not agreed to be written instead of met about.",
                            c -> meetings(c) != null && Boolean.TRUE.equals(meetings(c).statusUpdatesAsync())),
                    new Check("meeting-free-blocks", "There is no meeting-free block.",
                            c -> meetings(c) != null && meetings(c).meetingFreeBlocks() != null
                                    && !meetings(c).meetingFreeBlocks().isEmpty()))),
            new AreaDefinition("focus", List.of(
                    new Check("protected-focus-time", "No focus time is protected: neither hours per week nor focus blocks.",
                            c -> focus(c) != null && (focus(c).protectedHoursPerWeek() != null || hasFocusBlocks(c))),
                    new Check("focus-practice", "It does not say how focus time is protected: neither a policy nor focus blocks.",
                            c -> focus(c) != null && (present(focus(c).policy()) || hasFocusBlocks(c))))),
            new AreaDefinition("after-hours", List.of(
                    new Check("time-zones", "The team's time zones are not stated.",
                            c -> afterHours(c) != null && afterHours(c).timeZones() != null
                                    && !afterHours(c).timeZones().isEmpty()),
                    new Check("working-hours", "Working hours are not stated.",
                            c -> afterHours(c) != null && afterHours(c).workingHours() != null),
                    new Check("after-hours-replies", "It does not say who answers outside working hours.",
                            c -> afterHours(c) != null && afterHours(c).replies() != null),
                    new Check("quiet-hours", "There are no quiet hours.",
                            c -> afterHours(c) != null && afterHours(c).quietHours() != null))));

    private CharterCoverage() {
    }

    /**
     * @param figures the report's figures to show beside it ({@link #REPORT_FIGURES}, from the benchmark dataset)
     */
    public static Coverage of(CharterContent charter, List<Benchmark> figures) {
        List<Area> areas = new ArrayList<>();
        double shares = 0;
        for (AreaDefinition definition : AREAS) {
            List<Missing> missing = new ArrayList<>();
            for (Check check : definition.checks()) {
                if (!check.met().test(charter)) {
                    missing.add(new Missing(check.key(), check.description()));
                }
            }
            int total = definition.checks().size();
            int met = total - missing.size();
            areas.add(new Area(definition.key(), missing.isEmpty(), met, total, List.copyOf(missing)));
            shares += (double) met / total;
        }
        int score = (int) Math.round(100 * shares / AREAS.size());
        List<ReportFigure> reportFigures = figures.stream()
                .map(figure -> new ReportFigure(figure.key(), figure.value(), figure.unit(), figure.quote())).toList();
        return new Coverage(score, List.copyOf(areas), reportFigures);
    }

    private static List<Channel> channels(CharterContent charter) {
        return charter.channels() == null ? List.of() : charter.channels();
    }

    private static boolean expects(Channel channel, Urgency urgency) {
        List<ResponseExpectation> expectations = channel.responseExpectations();
        return expectations != null && expectations.stream().anyMatch(expectation -> expectation.urgency() == urgency);
    }

    private static KnowledgeLocations knowledge(CharterContent charter) {
        return charter.knowledge();
    }

    private static MeetingPolicy meetings(CharterContent charter) {
        return charter.meetings();
    }

    private static FocusPolicy focus(CharterContent charter) {
        return charter.focus();
    }

    private static boolean hasFocusBlocks(CharterContent charter) {
        return focus(charter) != null && focus(charter).blocks() != null && !focus(charter).blocks().isEmpty();
    }

    private static AfterHours afterHours(CharterContent charter) {
        return charter.afterHours();
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }
}
