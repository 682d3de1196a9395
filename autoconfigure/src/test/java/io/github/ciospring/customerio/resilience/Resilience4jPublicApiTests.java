package io.github.ciospring.customerio.resilience;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The library uses Resilience4j's public API only: its {@code internal} packages may change in any release.
 */
@AnalyzeClasses(packages = "io.github.ciospring.customerio", importOptions = ImportOption.DoNotIncludeTests.class)
class Resilience4jPublicApiTests {

	@ArchTest
	static final ArchRule noResilience4jInternals = noClasses().that()
		.resideInAPackage("io.github.ciospring.customerio..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("io.github.resilience4j..internal..");

}
