package io.github.ciospring.customerio.test;

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

/** Every package of the test module declares its nullness with {@code @NullMarked}. */
@AnalyzeClasses(packages = "io.github.ciospring.customerio.test", importOptions = ImportOption.DoNotIncludeTests.class)
class NullnessArchitectureTests {

	@ArchTest
	static final ArchRule everyPackageIsNullMarked = classes().should(new ArchCondition<JavaClass>(
			"reside in a @NullMarked package") {

		@Override
		public void check(JavaClass javaClass, ConditionEvents events) {
			boolean marked = javaClass.getPackage().isAnnotatedWith(NullMarked.class);
			events.add(new SimpleConditionEvent(javaClass, marked,
					javaClass.getPackageName() + " has no package-info.java annotated @NullMarked"));
		}

	});

}
