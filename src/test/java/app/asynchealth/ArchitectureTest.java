package app.asynchealth;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import app.asynchealth.benchmark.Benchmark;

/**
 * How the folders stand on each other (README, "How it is built"): features over {@code platform/}, which knows none of
 * them; no loop between top-level folders; a pure scoring core; the profile assembled above the maths, the charter,
 * the actions and the recommendations it shows. Read from the compiled classes, tests left out.
 */
class ArchitectureTest {

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("app.asynchealth");
    }

    /** Each top-level folder (with its subfolders) is a slice; no slice reaches, through others, back to itself. */
    @Test
    void topLevelFoldersFormNoLoops() {
        slices().matching("app.asynchealth.(*)..").should().beFreeOfCycles().check(main);
    }

    /** The ground knows no feature: what it needs of one (the webhook events the contract lists) is handed to it. */
    @Test
    void platformKnowsNoFeature() {
        noClasses().that().resideInAPackage("app.asynchealth.platform..").should()
                .dependOnClassesThat(resideInAPackage("app.asynchealth..")
                        .and(not(resideInAPackage("app.asynchealth.platform.."))))
                .check(main);
    }

    /**
     * The profile is assembled above the maths and what it shows (scoring, charter, actions, recommendations): none of
     * them, nor anything below them, reads it. Above it only integration, which hands HR the profiles' figures, and
     * report, which draws them (the SVG charts and the printable page must show exactly the profile's views, so it reads
     * them; the profile asks for its pictures through its own ProfilePictures, which report implements).
     * What actions need of a round's profile they ask through their own FinalProfiles, which the profile implements.
     */
    @Test
    void onlyIntegrationAndReportStandOnTheProfile() {
        noClasses().that().resideInAPackage("app.asynchealth..")
                .and().resideOutsideOfPackages("app.asynchealth.profile..", "app.asynchealth.integration..",
                        "app.asynchealth.report..")
                .should().dependOnClassesThat().resideInAPackage("app.asynchealth.profile..")
                .check(main);
    }

    /**
     * The SVG writer and its charts draw plain numbers and words: they know no feature, so that they can be tested (and
     * reused) on their own, and every number in a picture comes through the report's mapping of the profile.
     */
    @Test
    void theSvgWriterKnowsNoFeature() {
        classes().that().resideInAPackage("app.asynchealth.report.svg..").should()
                .onlyDependOnClassesThat(resideInAnyPackage("java..", "app.asynchealth.report.svg.."))
                .check(main);
    }

    /**
     * Scoring keeps the model, the maths and the aggregates, and computes a team's profile from them; it reads nothing
     * of what shows or acts on the figures (shared value types such as FigureStatus live in it).
     */
    @Test
    void scoringReadsNothingThatShowsItsFigures() {
        noClasses().that().resideInAPackage("app.asynchealth.scoring..").should().dependOnClassesThat()
                .resideInAnyPackage("app.asynchealth.profile..", "app.asynchealth.charter..",
                        "app.asynchealth.action..", "app.asynchealth.recommendation..",
                        "app.asynchealth.integration..")
                .check(main);
    }

    /**
     * The scoring core is plain Java and statistics: no framework, no database, no web, no other folder (but the
     * report's figure, a plain record).
     */
    @Test
    void scoringCoreIsPlainJava() {
        classes().that().resideInAPackage("app.asynchealth.scoring.core..").should()
                .onlyDependOnClassesThat(resideInAnyPackage("java..", "org.apache.commons.statistics..",
                        "app.asynchealth.scoring.core..").or(equivalentTo(Benchmark.class)))
                .check(main);
    }
}
