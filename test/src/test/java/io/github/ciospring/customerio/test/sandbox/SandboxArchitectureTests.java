package io.github.ciospring.customerio.test.sandbox;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class SandboxArchitectureTests {

	private final JavaClasses sandbox = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.github.ciospring.customerio.test.sandbox");

	@Test
	void theSandboxIsPlainJavaWithoutSpring() {
		noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework..").check(this.sandbox);
	}

	@Test
	void theSandboxDoesNotDependOnTheStarterItStandsInFor() {
		noClasses().should()
			.dependOnClassesThat(resideInAPackage("io.github.ciospring.customerio..")
				.and(not(resideInAPackage("io.github.ciospring.customerio.test.sandbox.."))))
			.check(this.sandbox);
	}

}
