package app.asynchealth.assessment.invitation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import app.asynchealth.assessment.invitation.InvitationRepresentations.InvitationRequest;
import app.asynchealth.assessment.invitation.InvitationRepresentations.IssuedInvitation;
import app.asynchealth.assessment.invitation.InvitationRepresentations.IssuedInvitations;
import app.asynchealth.assessment.invitation.InvitationRepresentations.RequestedDelivery;
import app.asynchealth.assessment.invitation.InvitationService.Issue;
import app.asynchealth.assessment.invitation.InvitationMails.Sent;
import app.asynchealth.assessment.invitation.InvitationService.NewCode;
import app.asynchealth.platform.problem.ProblemException;

/**
 * Issues invitations and delivers their codes: e-mailed to the members, after the seats are committed, or returned to
 * the caller. Mail goes out outside the transaction, so a slow mail server holds no database lock; a mail the server
 * refuses leaves a code nobody holds, so its seat is revoked and the member reported for inviting again.
 */
@ApplicationScoped
public class InvitationIssuer {

    private final InvitationService invitations;
    private final InvitationMails mails;

    InvitationIssuer(InvitationService invitations, InvitationMails mails) {
        this.invitations = invitations;
        this.mails = mails;
    }

    private record Delivered(IssuedInvitations invitations, Sent sent) {
    }

    public IssuedInvitations issue(UUID assessmentId, InvitationRequest request) {
        InvitationDelivery delivery = delivery(request == null ? null : request.delivery());
        Issue issue = invitations.issue(assessmentId, request == null ? null : request.memberIds(), delivery);
        return deliver(issue, delivery).invitations();
    }

    /**
     * Invites every current member of a round's team who holds no seat by e-mail, for the service itself (a scheduled
     * round). Members whose mail the server did not take hold no seat afterwards; the caller decides when to call
     * again, from what the server said.
     *
     * @return what the mail server did with each new invitation's mail
     */
    public Sent inviteTeam(UUID assessmentId) {
        return deliver(invitations.issueToTeam(assessmentId), InvitationDelivery.EMAIL).sent();
    }

    public IssuedInvitations reissue(UUID assessmentId, UUID invitationId, RequestedDelivery requested) {
        InvitationDelivery delivery = delivery(requested);
        return deliver(invitations.reissue(assessmentId, invitationId, delivery), delivery).invitations();
    }

    private InvitationDelivery delivery(RequestedDelivery requested) {
        if (requested == null) {
            return mails.enabled() ? InvitationDelivery.EMAIL : InvitationDelivery.CODE;
        }
        if (requested == RequestedDelivery.EMAIL && !mails.enabled()) {
            throw ProblemException.invalid("delivery", "e-mail delivery is not configured on this installation");
        }
        return requested.delivery();
    }

    private Delivered deliver(Issue issue, InvitationDelivery delivery) {
        List<IssuedInvitation> issued = new ArrayList<>();
        List<UUID> undelivered = new ArrayList<>();
        Map<UUID, InvitationRevocation> unheld = new HashMap<>();
        Sent sent = delivery == InvitationDelivery.EMAIL ? mails.send(issue.assessment(), issue.codes()) : Sent.NONE;
        Set<UUID> mailed = sent.taken();
        for (NewCode code : issue.codes()) {
            if (delivery == InvitationDelivery.CODE) {
                issued.add(new IssuedInvitation(code.invitationId(), code.memberId(), delivery, code.code(),
                        code.expiresAt()));
            } else if (mailed.contains(code.invitationId())) {
                issued.add(new IssuedInvitation(code.invitationId(), code.memberId(), delivery, null, code.expiresAt()));
            } else {
                undelivered.add(code.memberId());
                unheld.put(code.invitationId(), sent.refused().contains(code.invitationId())
                        ? InvitationRevocation.MAILBOX_REFUSED : InvitationRevocation.MAIL_NOT_TAKEN);
            }
        }
        if (!unheld.isEmpty()) {
            invitations.revokeUndelivered(issue.assessment().id, unheld);
        }
        return new Delivered(new IssuedInvitations(issued, issue.alreadyInvited(), issue.withoutEmail(), undelivered),
                sent);
    }
}
