package app.asynchealth.answering;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.RequestScoped;

import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.vertx.core.http.HttpServerRequest;

/**
 * The language of this request's answer page: the best of the languages the pages are written in (a
 * {@code respond_<language>.properties} each, listed in {@code quarkus.locales}) for the request's Accept-Language,
 * English when none fits. Templates, the Java side's texts and dates all follow it.
 */
@RequestScoped
public class PageLanguage {

    /** The default (English) first: it is what any request gets that names no language of the list. */
    static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.GERMAN);
    /** Longer headers are no browser's; they are not parsed at all. */
    private static final int MAX_HEADER = 512;

    private final Locale locale;
    private final RespondMessages messages;

    PageLanguage(HttpServerRequest request) {
        this.locale = negotiate(request.getHeader("Accept-Language"));
        this.messages = MessageBundles.get(RespondMessages.class, Localized.Literal.of(locale.toLanguageTag()));
    }

    /**
     * The best supported language for an Accept-Language header: ranges in the order of their q-values (q=0 excludes),
     * each matched by lookup ({@code de-CH} finds German); a missing, unknown or malformed header gets English.
     */
    static Locale negotiate(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank() || acceptLanguage.length() > MAX_HEADER) {
            return SUPPORTED.get(0);
        }
        try {
            Locale best = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), SUPPORTED);
            return best == null ? SUPPORTED.get(0) : best;
        } catch (IllegalArgumentException e) { // a malformed header: as if there were none
            return SUPPORTED.get(0);
        }
    }

    Locale locale() {
        return locale;
    }

    String tag() {
        return locale.toLanguageTag();
    }

    RespondMessages msg() {
        return messages;
    }

    /** The template rendered in this language (its {@code {respond:…}} texts). */
    String render(TemplateInstance template) {
        return template.setLocale(locale).render();
    }

    /** A time as the pages write it out, in UTC, in this language's words. */
    String dateTime(TemporalAccessor time) {
        return DateTimeFormatter.ofPattern(messages.dateTimeFormat(), locale).withZone(ZoneOffset.UTC).format(time);
    }
}
