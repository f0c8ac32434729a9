package cn.liangxin.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The house, kept by the build: the rules free of frameworks, no cycle between capabilities, and
 * one scope mechanism — no class but {@code security.Scope} (and the start-up and metrics code that
 * works on the whole deployment) reads the deployment's lists of counties and townships to narrow
 * what a caller sees.
 */
class ArchitectureTest {

    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("cn.liangxin");

    @Test
    void theRulesArePlainJava() {
        noClasses().that().resideInAPackage("cn.liangxin.rules")
                .should().dependOnClassesThat().resideOutsideOfPackages("cn.liangxin.rules", "java..")
                .because("the formation and gap rules are plain Java a unit test calls without Quarkus")
                .check(MAIN);
    }

    @Test
    void capabilitiesFormNoCycle() {
        slices().matching("cn.liangxin.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void onlyTheScopeNarrowsByTownshipOrCounty() {
        noClasses().that().resideOutsideOfPackages("cn.liangxin.security", "cn.liangxin.division", "cn.liangxin.demo",
                        "cn.liangxin.ops")
                .should().callMethod(cn.liangxin.division.Divisions.class, "countyCodes")
                .orShould().callMethod(cn.liangxin.division.Divisions.class, "townships")
                .orShould().callMethod(cn.liangxin.division.Divisions.class, "counties")
                .orShould().callMethod(cn.liangxin.division.Divisions.class, "countyCodesOf", String.class)
                .orShould().callMethod(cn.liangxin.division.Divisions.class, "countyNames")
                .because("what a caller reaches is the Scope's to say (security.Scope.part, townships, counties)")
                .check(MAIN);
    }
}
