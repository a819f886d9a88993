package app.asynchealth.charter;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import app.asynchealth.charter.CharterContent.AfterHours;
import app.asynchealth.charter.CharterContent.Channel;
import app.asynchealth.charter.CharterContent.FocusPolicy;
import app.asynchealth.charter.CharterContent.KnowledgeLocations;
import app.asynchealth.charter.CharterContent.MeetingPolicy;
import app.asynchealth.charter.CharterContent.ResponseExpectation;
import app.asynchealth.charter.CharterContent.Urgency;
import app.asynchealth.charter.CharterContent.WeeklyBlock;

/**
 * A charter version as Markdown (GitHub-flavoured, for a team's wiki): a heading per section, the channels as a table.
 * The team's own text is written so that it cannot change the document's structure: in table cells a pipe is escaped
 * and line breaks become {@code <br>}, everywhere a raw HTML tag is neutralised.
 */
public final class CharterMarkdown {

    public static final String MEDIA_TYPE = "text/markdown";
    private static final String NOT_AGREED = "_Not agreed yet._";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private CharterMarkdown() {
    }

    public static String render(String teamName, int version, Instant createdAt, CharterContent charter) {
        StringBuilder md = new StringBuilder();
        md.append("# Communication charter: ").append(inline(teamName)).append("\n\n");
        if (present(charter.summary())) {
            md.append(paragraph(charter.summary())).append("\n\n");
        }
        channels(md, charter.channels());
        afterHours(md, charter.afterHours());
        meetings(md, charter.meetings());
        focus(md, charter.focus());
        knowledge(md, charter.knowledge());
        md.append("---\n\n_Version ").append(version).append(", ").append(DATE.format(createdAt)).append("._\n");
        return md.toString();
    }

    private static void channels(StringBuilder md, List<Channel> channels) {
        md.append("## Channels and response times\n\n");
        if (channels == null || channels.isEmpty()) {
            md.append(NOT_AGREED).append("\n\n");
            return;
        }
        md.append("| Channel | Purpose | Urgent | Normal | Low |\n|---|---|---|---|---|\n");
        for (Channel channel : channels) {
            md.append("| ").append(cell(channel.name())).append(" | ").append(cell(channel.purpose()));
            for (Urgency urgency : Urgency.values()) {
                md.append(" | ").append(expectation(channel.responseExpectations(), urgency));
            }
            md.append(" |\n");
        }
        md.append("\nResponse times count working hours unless marked otherwise.\n\n");
    }

    private static String expectation(List<ResponseExpectation> expectations, Urgency urgency) {
        if (expectations == null) {
            return "–";
        }
        return expectations.stream().filter(expectation -> expectation.urgency() == urgency).findFirst()
                .map(expectation -> "within " + duration(expectation.within())
                        + (Boolean.FALSE.equals(expectation.workingHoursOnly()) ? " (around the clock)" : ""))
                .orElse("–");
    }

    /** PT1H30M as "1 h 30 min". */
    static String duration(String iso) {
        Duration duration = Duration.parse(iso);
        long hours = duration.toHours();
        int minutes = duration.toMinutesPart();
        if (hours == 0) {
            return minutes + " min";
        }
        return minutes == 0 ? hours + " h" : hours + " h " + minutes + " min";
    }

    private static void afterHours(StringBuilder md, AfterHours afterHours) {
        md.append("## After hours\n\n");
        if (afterHours == null) {
            md.append(NOT_AGREED).append("\n\n");
            return;
        }
        md.append("- Time zones: ").append(afterHours.timeZones().stream().map(CharterMarkdown::inline)
                .collect(Collectors.joining(", "))).append('\n');
        if (afterHours.workingHours() != null) {
            md.append("- Working hours: ").append(afterHours.workingHours().start()).append("–")
                    .append(afterHours.workingHours().end()).append(", local time\n");
        }
        if (afterHours.quietHours() != null) {
            md.append("- Quiet hours: ").append(afterHours.quietHours().start()).append("–")
                    .append(afterHours.quietHours().end())
                    .append(", each in their own time zone: no non-urgent messages (schedule them instead)\n");
        }
        md.append("- Replies outside working hours: ").append(switch (afterHours.replies()) {
            case NOT_EXPECTED -> "not expected";
            case URGENT_ONLY -> "only to urgent messages, through the urgent channel";
            case ON_CALL_ONLY -> "only by whoever is on call";
        }).append('\n');
        if (present(afterHours.policy())) {
            md.append("- ").append(inline(afterHours.policy())).append('\n');
        }
        md.append('\n');
    }

    private static void meetings(StringBuilder md, MeetingPolicy meetings) {
        md.append("## Meetings\n\n");
        if (meetings == null) {
            md.append(NOT_AGREED).append("\n\n");
            return;
        }
        if (meetings.justifiedWhen() != null && !meetings.justifiedWhen().isEmpty()) {
            md.append("A meeting is justified when:\n\n");
            meetings.justifiedWhen().forEach(reason -> md.append("- ").append(inline(reason)).append('\n'));
            md.append('\n');
        }
        if (meetings.agendaRequired() != null) {
            md.append("- Agenda: ").append(meetings.agendaRequired()
                    ? "required; a meeting without a written agenda is declined" : "not required").append('\n');
        }
        if (meetings.statusUpdatesAsync() != null) {
            md.append("- Status updates: ").append(meetings.statusUpdatesAsync()
                    ? "written, not met about" : "in meetings").append('\n');
        }
        blocks(md, "Meeting-free", meetings.meetingFreeBlocks());
        md.append('\n');
    }

    private static void focus(StringBuilder md, FocusPolicy focus) {
        md.append("## Focus time\n\n");
        if (focus == null) {
            md.append(NOT_AGREED).append("\n\n");
            return;
        }
        if (focus.protectedHoursPerWeek() != null) {
            double hours = focus.protectedHoursPerWeek();
            md.append("- Protected focus time: ")
                    .append(hours == Math.rint(hours) ? Long.toString((long) hours) : Double.toString(hours))
                    .append(" hours per week for each member\n");
        }
        blocks(md, "Focus", focus.blocks());
        if (present(focus.policy())) {
            md.append("- ").append(inline(focus.policy())).append('\n');
        }
        md.append('\n');
    }

    private static void blocks(StringBuilder md, String label, List<WeeklyBlock> blocks) {
        if (blocks == null) {
            return;
        }
        for (WeeklyBlock block : blocks) {
            md.append("- ").append(label).append(": ").append(block.days().stream().map(CharterMarkdown::day)
                    .collect(Collectors.joining(", "))).append(' ').append(block.start()).append("–")
                    .append(block.end()).append('\n');
        }
    }

    private static String day(DayOfWeek day) {
        return day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
    }

    private static void knowledge(StringBuilder md, KnowledgeLocations knowledge) {
        md.append("## Where decisions and documentation live\n\n");
        if (knowledge == null || !present(knowledge.decisions()) && !present(knowledge.documentation())) {
            md.append(NOT_AGREED).append("\n\n");
            return;
        }
        if (present(knowledge.decisions())) {
            md.append("- Decisions: ").append(inline(knowledge.decisions())).append('\n');
        }
        if (present(knowledge.documentation())) {
            md.append("- Documentation: ").append(inline(knowledge.documentation())).append('\n');
        }
        md.append('\n');
    }

    /** Text inside a table cell: a pipe would end the cell, a line break the row. */
    static String cell(String text) {
        return inline(text).replace("|", "\\|");
    }

    /** Text on one line (a list item, a heading): line breaks kept as {@code <br>}, no raw HTML. */
    static String inline(String text) {
        return text.strip().replace("\\", "\\\\").replace("<", "&lt;").replace("\r\n", "\n").replace('\r', '\n')
                .replace("\n", "<br>");
    }

    /** A paragraph of its own: also must not start like a heading, quote, list or table. */
    private static String paragraph(String text) {
        String line = inline(text);
        return line.isEmpty() || "#>-+*=|`~".indexOf(line.charAt(0)) < 0 ? line : "\\" + line;
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }
}
