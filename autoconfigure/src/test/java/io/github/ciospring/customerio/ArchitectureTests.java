package io.github.ciospring.customerio;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The client packages know nothing of Spring Boot, so a user can build and use a client by hand; only the
 * {@code autoconfigure} package may use it.
 */
@AnalyzeClasses(packages = "io.github.ciospring.customerio", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule clientPackagesDoNotDependOnSpringBoot = noClasses().that()
		.resideInAPackage("io.github.ciospring.customerio..")
		.and()
		.resideOutsideOfPackage("io.github.ciospring.customerio.autoconfigure..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("org.springframework.boot..");

}
