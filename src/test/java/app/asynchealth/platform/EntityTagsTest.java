package app.asynchealth.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.problem.ProblemType;
import app.asynchealth.platform.web.EntityTags;

class EntityTagsTest {

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "*", "\"3\"", " \"3\" ", "\"1\", \"3\"" })
    void matchingOrAbsentIfMatchPasses(String ifMatch) {
        assertThatCode(() -> EntityTags.requireMatch(ifMatch, 3)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = { "\"2\"", "W/\"3\"", "3", "\"3", "garbage", "\"\"" })
    void anythingElseIsAPreconditionFailure(String ifMatch) {
        assertThatThrownBy(() -> EntityTags.requireMatch(ifMatch, 3)).isInstanceOf(ProblemException.class);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "*", " * " })
    void whereAnIfMatchIsRequiredNoneOrAStarIsAPreconditionRequired(String ifMatch) {
        assertThatThrownBy(() -> EntityTags.requireCurrent(ifMatch, 3)).isInstanceOfSatisfying(ProblemException.class,
                problem -> assertThat(problem.type())
                        .isEqualTo(ProblemType.PRECONDITION_REQUIRED));
    }

    @ParameterizedTest
    @ValueSource(strings = { "\"2\"", "W/\"3\"", "garbage" })
    void whereAnIfMatchIsRequiredAStaleOneIsAPreconditionFailure(String ifMatch) {
        assertThatThrownBy(() -> EntityTags.requireCurrent(ifMatch, 3)).isInstanceOfSatisfying(ProblemException.class,
                problem -> assertThat(problem.type())
                        .isEqualTo(ProblemType.PRECONDITION_FAILED));
        assertThatCode(() -> EntityTags.requireCurrent("\"3\"", 3)).doesNotThrowAnyException();
    }
}
