package app.asynchealth.team;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A member's role within one team. A lead manages the team (with the team-lead role in their token). */
public enum TeamRole {
    @JsonProperty("lead")
    LEAD,
    @JsonProperty("member")
    MEMBER
}
