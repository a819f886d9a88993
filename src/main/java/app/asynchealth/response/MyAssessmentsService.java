package app.asynchealth.response;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import app.asynchealth.assessment.Assessment;
import app.asynchealth.assessment.AssessmentRepository;
import app.asynchealth.platform.security.Caller;
import app.asynchealth.response.ResponseRepresentations.MyAssessment;
import app.asynchealth.response.ResponseRepresentations.MyAssessments;
import app.asynchealth.response.ResponseRepresentations.MyResponseStatus;
import app.asynchealth.response.Respondents.AccountSeat;

/** The caller's open assessments, each with the state of the caller's own response (found through their seat). */
@ApplicationScoped
@Transactional
public class MyAssessmentsService {

    static final int MAX_ITEMS = 200;

    private final AssessmentRepository assessments;
    private final ResponseRepository responses;
    private final Respondents respondents;
    private final Caller caller;

    MyAssessmentsService(AssessmentRepository assessments, ResponseRepository responses, Respondents respondents,
            Caller caller) {
        this.assessments = assessments;
        this.responses = responses;
        this.respondents = respondents;
        this.caller = caller;
    }

    public MyAssessments list() {
        List<MyAssessment> items = new ArrayList<>();
        for (Assessment assessment : assessments.openForMember(caller.subject(), MAX_ITEMS)) {
            MyResponseStatus status = respondents.memberOf(assessment)
                    .map(member -> status(assessment, respondents.accountSeat(assessment, member)))
                    .orElse(MyResponseStatus.NONE);
            items.add(new MyAssessment(assessment.id, assessment.teamId, assessment.title, assessment.closesAt, status));
        }
        return new MyAssessments(items);
    }

    private MyResponseStatus status(Assessment assessment, AccountSeat seat) {
        if (seat.claimedByCode()) {
            return MyResponseStatus.CLAIMED_BY_CODE;
        }
        return seat.slot().flatMap(slot -> responses.find(assessment.id, slot))
                .map(response -> response.status == ResponseStatus.SUBMITTED ? MyResponseStatus.SUBMITTED
                        : MyResponseStatus.DRAFT)
                .orElse(MyResponseStatus.NONE);
    }
}
