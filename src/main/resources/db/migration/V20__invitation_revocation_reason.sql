-- Why a seat's code was revoked (InvitationRevocation), shown to the lead with the invitation: withdrawn by a lead or
-- tenant admin, replaced by a reissue, refused for good by the member's mail server (the address needs mending), or
-- not taken by it (deferred, or no answer). The service's own invitations of a scheduled round do not mail a member
-- again whose mailbox refused the round's invitation for good (InvitationService.issueToTeam).
--
-- Invitations revoked before this migration keep no reason (NULL): it was not recorded.
ALTER TABLE invitation ADD COLUMN revoked_because text;
ALTER TABLE invitation ADD CONSTRAINT invitation_revoked_because CHECK (revoked_because IS NULL OR (
    revoked_because IN ('WITHDRAWN', 'REISSUED', 'MAILBOX_REFUSED', 'MAIL_NOT_TAKEN') AND status = 'REVOKED'));
