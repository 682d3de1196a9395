package io.github.ciospring.customerio;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.jspecify.annotations.NullMarked;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The client packages know nothing of Spring Boot or of the auto-configuration, so a user can build and use a
 * client by hand; only the {@code autoconfigure} packages may use Spring Boot. The auto-configuration packages are
 * layered as Boot's own modules: the core package ({@code autoconfigure}) depends on none of its sub-packages
 * ({@code delivery}, {@code ratelimit}, {@code webhooks}, {@code metrics}, {@code actuate.*}), and no two of them
 * depend on each other both ways. Every package declares its nullness: {@code @NullMarked}, with the nullable API
 * marked {@code @Nullable}.
 */
@AnalyzeClasses(packages = "io.github.ciospring.customerio", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	private static final String AUTOCONFIGURE = "io.github.ciospring.customerio.autoconfigure";

	@ArchTest
	static final ArchRule clientPackagesDoNotDependOnSpringBootOrAutoConfiguration = noClasses().that()
		.resideInAPackage("io.github.ciospring.customerio..")
		.and()
		.resideOutsideOfPackage(AUTOCONFIGURE + "..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework.boot..", AUTOCONFIGURE + "..");

	@ArchTest
	static final ArchRule autoConfigurationPackagesAreFreeOfCycles = slices().assignedFrom(autoConfigurationPackages())
		.should()
		.beFreeOfCycles();

	@ArchTest
	static final ArchRule coreAutoConfigurationDoesNotDependOnItsSubPackages = noClasses().that()
		.resideInAPackage(AUTOCONFIGURE)
		.should()
		.dependOnClassesThat()
		.resideInAPackage(AUTOCONFIGURE + ".*..");

	@ArchTest
	static final ArchRule everyPackageIsNullMarked = classes().that()
		.resideInAPackage("io.github.ciospring.customerio..")
		.should(resideInANullMarkedPackage());

	/** One slice per package under {@code autoconfigure}, the core package included. */
	static SliceAssignment autoConfigurationPackages() {
		return new SliceAssignment() {

			@Override
			public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
				String name = javaClass.getPackageName();
				return (name.equals(AUTOCONFIGURE) || name.startsWith(AUTOCONFIGURE + ".")) ? SliceIdentifier.of(name)
						: SliceIdentifier.ignore();
			}

			@Override
			public String getDescription() {
				return "the packages under " + AUTOCONFIGURE;
			}

		};
	}

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
