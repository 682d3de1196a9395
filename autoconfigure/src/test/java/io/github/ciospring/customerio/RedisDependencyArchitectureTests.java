package io.github.ciospring.customerio;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Spring Data Redis is optional: only the shared limiter's package and its auto-configuration may use it, and the
 * shared limiter, like every client package, knows nothing of Spring Boot.
 */
class RedisDependencyArchitectureTests {

	private final JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.github.ciospring.customerio");

	@Test
	void onlyTheSharedLimiterAndItsAutoConfigurationUseSpringDataRedis() {
		noClasses().that()
			.resideOutsideOfPackages("io.github.ciospring.customerio.resilience.redis..",
					"io.github.ciospring.customerio.autoconfigure..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.data.redis..", "io.lettuce..")
			.check(this.classes);
	}

	@Test
	void theSharedLimiterKnowsNothingOfSpringBoot() {
		noClasses().that()
			.resideInAPackage("io.github.ciospring.customerio.resilience..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework.boot..")
			.check(this.classes);
	}

}
