package io.github.ciospring.customerio;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.jspecify.annotations.NullMarked;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The client packages know nothing of Spring Boot, so a user can build and use a client by hand; only the
 * {@code autoconfigure} package may use it. Every package declares its nullness: {@code @NullMarked}, with the
 * nullable API marked {@code @Nullable}.
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

	@ArchTest
	static final ArchRule everyPackageIsNullMarked = classes().that()
		.resideInAPackage("io.github.ciospring.customerio..")
		.should(resideInANullMarkedPackage());

	/** A class whose package's {@code package-info.java} carries {@code @NullMarked}. */
	public static ArchCondition<JavaClass> resideInANullMarkedPackage() {
		return new ArchCondition<>("reside in a @NullMarked package") {

			@Override
			public void check(JavaClass javaClass, ConditionEvents events) {
				boolean marked = javaClass.getPackage().isAnnotatedWith(NullMarked.class);
				events.add(new SimpleConditionEvent(javaClass, marked, javaClass.getPackageName()
						+ " has no package-info.java annotated @NullMarked (" + javaClass.getName() + ")"));
			}

		};
	}

}
