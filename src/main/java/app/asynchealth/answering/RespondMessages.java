package app.asynchealth.answering;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Every text of the answer pages. The English texts are in {@code messages/respond_en.properties}, the German ones in
 * {@code respond_de.properties} beside it; another language is one more file there, added to {@code quarkus.locales}
 * and {@link PageLanguage#SUPPORTED}. Templates use them as {@code {respond:key}} in the template's locale; Java code
 * gets the bundle of the request's language from {@link PageLanguage}.
 */
@MessageBundle(value = "respond", locale = "en")
public interface RespondMessages {

    @Message
    String lang();

    @Message
    String serviceName();

    @Message
    String skipToContent();

    @Message
    String startTitle();

    @Message
    String startIntro();

    @Message
    String startPrivacy();

    @Message
    String startButton();

    @Message
    String startEnterCode();

    @Message
    String codeLabel();

    @Message
    String codeHint();

    @Message
    String closesAt();

    @Message
    String closedAt();

    @Message
    String requiredNote();

    @Message
    String required();

    @Message
    String optional();

    @Message
    String statusNone();

    @Message
    String statusDraft();

    @Message
    String statusSubmitted();

    @Message
    String saveDraft();

    @Message
    String submit();

    @Message
    String withdrawTitle();

    @Message
    String withdrawText();

    @Message
    String withdrawButton();

    @Message
    String withdrawConfirmTitle();

    @Message
    String withdrawConfirmText();

    @Message
    String withdrawConfirmAgain();

    @Message
    String withdrawConfirmButton();

    @Message
    String withdrawKeep();

    @Message
    String conflictTitle();

    @Message
    String conflictSaveText();

    @Message
    String conflictWithdrawText();

    /** A DateTimeFormatter pattern for times written out in UTC ("3 May 2026, 14:00 UTC"). */
    @Message
    String dateTimeFormat();

    @Message
    String noticeSaved();

    @Message
    String noticeSubmitted();

    @Message
    String noticeWithdrawn();

    @Message
    String errorSummaryTitle();

    @Message
    String errorSummaryText();

    @Message
    String numberHint(String min, String max, String unit);

    @Message
    String textHint(int max);

    @Message
    String likertPoint(int point, String label);

    @Message
    String errRequired();

    @Message
    String errNumber(String min, String max);

    @Message
    String errDecimals();

    @Message
    String errLikert();

    @Message
    String errSingle();

    @Message
    String errMulti();

    @Message
    String errText();

    @Message
    String errTextLong(int max);

    @Message
    String codeUnknownTitle();

    @Message
    String codeUnknownText();

    @Message
    String codeMissingTitle();

    @Message
    String closedTitle();

    @Message
    String closedText();

    @Message
    String notOpenTitle();

    @Message
    String notOpenText();

    @Message
    String noCredentialTitle();

    @Message
    String noCredentialText();

    @Message
    String formRefusedTitle();

    @Message
    String formRefusedText();

    @Message
    String notFoundTitle();

    @Message
    String notFoundText();

    @Message
    String cookiesTitle();

    @Message
    String cookiesText();

    @Message
    String unavailableTitle();

    @Message
    String unavailableText();

    @Message
    String whatNow();

    @Message
    String backToRound();

    @Message
    String signInLink();

    @Message
    String signInIntro();

    @Message
    String orSignIn();

    @Message
    String signInTitle();

    @Message
    String signInText();

    @Message
    String accountRefusedTitle();

    @Message
    String accountRefusedText();

    @Message
    String accountNoAccessTitle();

    @Message
    String accountNoAccessText();

    @Message
    String mineTitle();

    @Message
    String mineIntro();

    @Message
    String mineEmpty();

    @Message
    String mineClaimedByCode();

    @Message
    String mineLink();

    @Message
    String claimedByCodeTitle();

    @Message
    String claimedByCodeText();

    @Message
    String signOutButton();

    @Message
    String signedOutTitle();

    @Message
    String signedOutText();
}
