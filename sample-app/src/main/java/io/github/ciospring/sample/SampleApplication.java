package io.github.ciospring.sample;

import io.github.ciospring.customerio.delivery.LoggingDeliveryFailureHandler;
import io.github.ciospring.sample.importer.FailureTally;
import io.github.ciospring.sample.importer.ImportCommand;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The sample application: the Customer.io starter at work, against real credentials or the embedded sandbox.
 * With {@code --import} or {@code --generate} it runs that command without a web server and exits; otherwise it
 * serves its web API and Actuator.
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(SampleApplication.class);
		boolean command = ImportCommand.isCommand(args);
		if (command) {
			application.setWebApplicationType(WebApplicationType.NONE);
		}
		ConfigurableApplicationContext context = application.run(args);
		if (command) {
			System.exit(SpringApplication.exit(context));
		}
	}

	/** Counts failed deliveries by reason for the import report, and logs them as the starter's default does. */
	@Bean
	FailureTally deliveryFailureHandler() {
		return new FailureTally(new LoggingDeliveryFailureHandler());
	}

}
